import { startConsoleBot, VILI, type ConsoleBot } from '../../support/console-bot.js';
import { startFakeChannel, type FakeChannel } from '../../support/fake-channel.js';

/** Registers this file's tests; ./turns-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function agentActions(): void {
  // What agents do reaches the customer's own channel (a loopback connector standing in for Azure's):
  // the event lines say who is talking, in the case's language, and a channel that cannot be reached
  // does not undo what the agent did.
  let bot: ConsoleBot;
  let channel: FakeChannel;
  let vili: string;

  beforeAll(async () => {
    [bot, channel] = await Promise.all([startConsoleBot(), startFakeChannel()]);
    vili = await bot.signIn(VILI);
  });
  afterAll(async () => {
    await channel?.close();
    await bot?.stop();
  });

  async function caseFor(conversationId: string, text: string, locale: string, serviceUrl: string): Promise<string> {
    const replies = await bot.customerSays(text, { conversationId, serviceUrl, locale });
    return replies.find((activity) => activity.name === 'handoff.initiate')!.value.caseId as string;
  }

  test("an English customer reads the lines in English, as the bot's, marked as event lines", async () => {
    const caseId = await caseFor('presence-en', 'I want to talk to a person', 'en-GB', channel.serviceUrl);
    expect((await bot.call('POST', `/api/agent/cases/${caseId}/claim`, { cookie: vili })).status).toBe(200);
    const joined = await channel.waitFor((activity) => activity.conversation.id === 'presence-en' && activity.type === 'message');
    expect(joined.text).toBe('Vili joined the conversation.');
    expect(joined.channelData).toEqual({ vastaaEventLine: 'joined' });
    // Said by the bot about the agent, not by the agent: no agent's mark (above), not in the agent's name.
    expect(joined.from.name).not.toBe('Vili');

    expect((await bot.call('POST', `/api/agent/cases/${caseId}/transfer`, { cookie: vili, body: { to: 'anna' } })).status).toBe(200);
    const transferred = await channel.waitFor(
      (activity) => activity.conversation.id === 'presence-en' && activity.channelData?.vastaaEventLine === 'transferred',
    );
    expect(transferred.text).toBe('Vili transferred you to Anna.');
  });

  test("the agent's claim stands when the customer's channel cannot be reached; the lost line is logged", async () => {
    // The connector answers 404 to every send to this customer.
    const caseId = await caseFor('presence-unreachable', 'haluan puhua ihmiselle', 'fi-FI', `${channel.serviceUrl}/gone`);
    const claimed = await bot.call('POST', `/api/agent/cases/${caseId}/claim`, { cookie: vili });
    expect(claimed.status).toBe(200);
    expect(claimed.body.case).toMatchObject({ status: 'assigned', agent: 'vili' });
    expect(bot.logs.some((line) => line.includes('could not tell the customer of an agent change') && line.includes(caseId))).toBe(true);
    // Not a failed turn: the customer's conversation state is not cleared and no apology is attempted.
    expect(bot.logs.filter((line) => line.includes('turn failed') || line.includes('about the failed turn'))).toEqual([]);

    // The agent's typing into that conversation is answered as usual and only logged.
    expect((await bot.call('POST', `/api/agent/cases/${caseId}/typing`, { cookie: vili, body: {} })).status).toBe(204);
    expect(bot.logs.some((line) => line.includes("an agent's typing did not reach the customer") && line.includes(caseId))).toBe(true);
    expect(bot.logs.filter((line) => line.includes('turn failed'))).toEqual([]);
  });
}
