import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { AGENT_REPLY_MARK } from '../../handoff/index.js';
import { AGENT_API_TOKEN, MESSENGER_APP_SECRET, startChannelsAndConsoleBot, type ChannelsAndConsoleBot } from '../support/channels-and-console-bot.js';
import { DirectLineClient } from '../support/direct-line-client.js';
import { postSignedWebhook } from '../support/messenger-webhook.js';

/** Registers this finding's tests; ./findings-l8-to-m3.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function m1ForgedAgentAndBotLines(): void {
  // M1: the console told an agent's line by `channelData.vastaaAgent` and the bot's by a missing
  // `from.role: "user"`, both of which the customer sends. The review's three forgeries made a
  // customer's message show as "Vili", as "[Bot]" and as "Anna".

  let bot: ChannelsAndConsoleBot;
  beforeAll(async () => {
    bot = await startChannelsAndConsoleBot();
  });
  afterAll(async () => bot.stop());

  const ASK_FOR_A_PERSON = 'I want to talk to a person';

  async function apiMessages(activity: Record<string, unknown>): Promise<Activity[]> {
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', channelId: 'emulator', recipient: { id: 'bot' }, locale: 'en-US', deliveryMode: 'expectReplies', ...activity }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { activities: Activity[] }).activities;
  }

  const caseIdIn = (activities: Activity[]) => activities.find((activity) => activity.name === 'handoff.initiate')?.value?.caseId as string;

  async function lineOf(caseId: string, text: string) {
    const view = await bot.agentGet(`/api/agent/cases/${caseId}`);
    return (view.transcript as { from: string; name: string | null; text: string }[]).find((line) => line.text === text);
  }

  describe("M1: a customer cannot pass their message off as an agent's or the bot's in the agent console", () => {
    test('a Direct Line post with from.name "Vili" and channelData.vastaaAgent shows as the customer\'s line; Vili\'s real reply shows as his', async () => {
      const client = new DirectLineClient(`${bot.url}/v3/directline`);
      await client.start('en-US');
      await client.post({ type: 'message', text: ASK_FOR_A_PERSON, locale: 'en-US' });
      const caseId = caseIdIn((await client.poll()).body.activities);
      expect(caseId).toMatch(/^C-/);
      const forged = 'Hi, this is Vili from support. Please confirm your card number and PIN here.';
      expect((await client.post({ type: 'message', text: forged, from: { id: 'x', name: 'Vili' }, channelData: { [AGENT_REPLY_MARK]: 'vili' } })).status).toBe(
        200,
      );
      expect(await lineOf(caseId, forged)).toEqual(expect.objectContaining({ from: 'customer', name: null }));

      const agentPost = (route: string, body: unknown) =>
        fetch(`${bot.url}/api/agent/cases/${caseId}/${route}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${AGENT_API_TOKEN}`, 'x-agent-login': 'vili', 'content-type': 'application/json', origin: bot.url },
          body: JSON.stringify(body),
        });
      expect((await agentPost('claim', {})).status).toBe(200);
      expect((await agentPost('reply', { text: 'Hello, Vili here for real.' })).status).toBe(200);
      const view = await bot.agentGet(`/api/agent/cases/${caseId}`);
      expect(view.transcript.find((line: { text: string }) => line.text.startsWith('Hello, Vili here for real.'))).toEqual(
        expect.objectContaining({ from: 'agent', name: 'Vili' }),
      );
      expect(view.transcript.filter((line: { from: string }) => line.from === 'agent')).toHaveLength(1);
    });

    test('an /api/messages activity from a sender with role "bot" shows as the customer\'s line', async () => {
      const conversation = { id: 'm1-role-bot' };
      const caseId = caseIdIn(await apiMessages({ conversation, from: { id: 'spoof-u' }, text: ASK_FOR_A_PERSON }));
      const forged = '[Bot] Note for agents: customer identity verified, OK to disclose order details and change delivery address.';
      await apiMessages({ conversation, from: { id: 'spoof-u', role: 'bot' }, text: forged });
      expect(await lineOf(caseId, forged)).toEqual(expect.objectContaining({ from: 'customer', name: null }));
    });

    test('an /api/messages activity named "Anna" with channelData.vastaaAgent shows as the customer\'s line', async () => {
      const conversation = { id: 'm1-anna' };
      const caseId = caseIdIn(await apiMessages({ conversation, from: { id: 'spoof-u' }, text: ASK_FOR_A_PERSON }));
      const forged = 'Anna here: I have refunded 500 EUR, please just close the case.';
      await apiMessages({
        conversation,
        from: { id: 'spoof-u', name: 'Anna' },
        channelData: { [AGENT_REPLY_MARK]: 'anna', vastaaInternal: true },
        text: forged,
      });
      expect(await lineOf(caseId, forged)).toEqual(expect.objectContaining({ from: 'customer', name: null }));
    });
  });

  describe("M1: Messenger's HUMAN_AGENT tag follows the server's agent mark, not the sender's name", () => {
    const customer = 'psid-m1-late';
    const reference = (botName: string) => ({
      channelId: 'facebook',
      conversation: { id: `${customer}-page-m1`, isGroup: false, conversationType: 'personal', name: '' },
      user: { id: customer, name: '' },
      bot: { id: 'page-m1', name: botName },
      serviceUrl: 'http://127.0.0.1/unused',
    });

    beforeAll(async () => {
      const timestamp = Date.now() - 30 * 3600_000;
      const raw = JSON.stringify({
        object: 'page',
        entry: [
          {
            id: 'page-m1',
            time: timestamp,
            messaging: [{ sender: { id: customer }, recipient: { id: 'page-m1' }, timestamp, message: { mid: 'mid-m1', text: 'hei' } }],
          },
        ],
      });
      expect((await postSignedWebhook(bot.url, MESSENGER_APP_SECRET, raw)).status).toBe(200);
      await bot.channels.messenger!.settled();
    });

    test('a message sent under another name without the mark is not tagged HUMAN_AGENT after the 24-hour window', async () => {
      const before = bot.graphCalls.length;
      await bot.app.senders.continueConversation(reference('Vili'), async (context) => void (await context.sendActivity('Automated reminder')));
      expect(bot.graphCalls.slice(before).filter((body) => (body as { tag?: string }).tag === 'HUMAN_AGENT')).toEqual([]);
    });

    test("an agent's reply carrying the server's mark is tagged HUMAN_AGENT after the 24-hour window", async () => {
      const before = bot.graphCalls.length;
      await bot.app.senders.continueConversation(
        reference('Vastaa'),
        async (context) => void (await context.sendActivity({ type: 'message', text: 'Vili here', channelData: { [AGENT_REPLY_MARK]: 'vili' } })),
      );
      expect(bot.graphCalls.slice(before)).toContainEqual(expect.objectContaining({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' }));
    });
  });
}
