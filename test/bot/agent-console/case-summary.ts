import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ANNA, startConsoleBot, VILI, type ConsoleBot } from '../../support/console-bot.js';
import { startFakeChannel, type FakeChannel } from '../../support/fake-channel.js';

/** Registers this file's tests; ./console-views-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function caseSummary(): void {
  let bot: ConsoleBot;
  let channel: FakeChannel;
  beforeAll(async () => {
    bot = await startConsoleBot();
    channel = await startFakeChannel();
  });
  afterAll(async () => {
    await channel?.close();
    await bot?.stop();
  });

  const BILLING_QUESTION = 'miksi laskussa on kaksi veloitusta??';

  /** The customer opens the chat: the bot's welcome goes into the transcript like in the web chat. */
  async function customerJoins(conversationId: string): Promise<void> {
    const response = await bot.call('POST', '/api/messages', {
      body: {
        type: 'conversationUpdate',
        channelId: 'emulator',
        conversation: { id: conversationId },
        from: { id: `user-${conversationId}` },
        recipient: { id: 'bot' },
        membersAdded: [{ id: `user-${conversationId}` }],
        locale: 'fi-FI',
        serviceUrl: channel.serviceUrl,
      },
    });
    expect([200, 201, 202]).toContain(response.status);
  }

  async function says(conversationId: string, text: string): Promise<any[]> {
    return bot.customerSays(text, { conversationId, serviceUrl: channel.serviceUrl });
  }

  function caseIdIn(activities: any[]): string {
    const caseId = activities.find((activity) => activity.name === 'handoff.initiate')?.value?.caseId;
    if (!caseId) throw new Error(`no case was opened: ${JSON.stringify(activities.map((activity) => activity.text ?? activity.name))}`);
    return caseId;
  }

  async function caseAs(cookie: string, caseId: string) {
    const response = await bot.call('GET', `/api/agent/cases/${caseId}`, { cookie });
    expect(response.status).toBe(200);
    return response.body.case;
  }

  describe('the case summary an agent acts on', () => {
    test('a billing question: the need is the triggering message, the reason reads in words in fi and en, and the queue row shows the need', async () => {
      await customerJoins('billing');
      await says('billing', 'moi');
      const caseId = caseIdIn(await says('billing', BILLING_QUESTION));
      const vili = await bot.signIn(VILI);
      const anna = await bot.signIn(ANNA);

      const inFinnish = await caseAs(vili, caseId);
      expect(inFinnish.summary.need).toBe(BILLING_QUESTION);
      expect(inFinnish.summaryInWords).toMatchObject({ need: BILLING_QUESTION, reason: 'Laskutusasia – siirretty, koska laskuasiat vaativat tunnistamisen' });
      expect((await caseAs(anna, caseId)).summaryInWords.reason).toBe('Billing matter – handed over because billing matters need identification');
      expect(JSON.stringify(inFinnish.summaryInWords)).not.toMatch(/sensitive_topic/);

      const queue = (await bot.call('GET', '/api/agent/cases', { cookie: vili })).body.queue;
      expect(queue.find((item: { id: string }) => item.id === caseId).firstLine).toBe(BILLING_QUESTION);
    });

    test('the welcome is not among what the bot already said; its substantive answers are', async () => {
      await customerJoins('welcome');
      const hours = await says('welcome', 'milloin olette auki');
      const answer = hours.find((activity) => activity.type === 'message')?.text as string;
      const caseId = caseIdIn(await says('welcome', BILLING_QUESTION));
      const read = await bot.call('GET', `/api/agent/cases/${caseId}`, { cookie: await bot.signIn(VILI) });
      // The welcome is in the conversation, so leaving it out of the summary is a choice, not luck.
      expect(read.body.transcript).toContainEqual(expect.objectContaining({ from: 'bot', text: expect.stringContaining('Olen Vastaa-botti') }));
      const summary = read.body.case.summaryInWords;
      expect(summary.botSaid).toContain(answer);
      expect(summary.botSaid.join('\n')).not.toMatch(/Olen Vastaa-botti/);
    });

    test('what the customer writes while queued appears in the summary', async () => {
      const caseId = caseIdIn(await says('queued', BILLING_QUESTION));
      await says('queued', 'Lasku 11/2026, sama 49,90 € on veloitettu kahdesti 3.11.');
      const summary = (await caseAs(await bot.signIn(VILI), caseId)).summaryInWords;
      expect(summary.whileQueued).toEqual([expect.objectContaining({ text: 'Lasku 11/2026, sama 49,90 € on veloitettu kahdesti 3.11.' })]);
    });

    test('details are labelled in the agent language', async () => {
      await says('details', 'missä on tilaukseni 987654');
      const caseId = caseIdIn(await says('details', 'haluan puhua ihmisen kanssa'));
      expect((await caseAs(await bot.signIn(VILI), caseId)).summaryInWords.details).toContainEqual({
        key: 'orderNumber',
        label: 'Tilausnumero',
        value: '987654',
      });
      expect((await caseAs(await bot.signIn(ANNA), caseId)).summaryInWords.details).toContainEqual({
        key: 'orderNumber',
        label: 'Order number',
        value: '987654',
      });
    });

    test("a returning customer's earlier case shows its outcome and rating", async () => {
      const first = caseIdIn(await says('returning', BILLING_QUESTION));
      const vili = await bot.signIn(VILI);
      await bot.call('POST', `/api/agent/cases/${first}/claim`, { cookie: vili });
      expect((await bot.call('POST', `/api/agent/cases/${first}/close`, { cookie: vili, body: { resolution: 'Tuplaveloitus hyvitetty' } })).status).toBe(200);
      await channel.waitFor((activity) => (activity.text ?? '').includes('1–5'));
      await says('returning', '5');

      const second = caseIdIn(await says('returning', 'laskussa on taas virhe'));
      const summary = (await caseAs(vili, second)).summaryInWords;
      expect(summary.earlierCases).toEqual([expect.objectContaining({ id: first, status: 'closed', resolution: 'Tuplaveloitus hyvitetty', rating: 5 })]);
      // The earlier case's queue notice and rating exchange say nothing about this matter.
      expect(summary.botSaid.join('\n')).not.toMatch(/1–5|Kiitos arviostasi|vaativat tunnistamisen/);
    });
  });
}
