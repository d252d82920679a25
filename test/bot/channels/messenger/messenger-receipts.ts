import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { AGENT_API_TOKEN, MESSENGER_APP_SECRET, startChannelsAndConsoleBot, type ChannelsAndConsoleBot } from '../../../support/channels-and-console-bot.js';
import { postSignedWebhook } from '../../../support/messenger-webhook.js';

/** Registers this file's tests; ../channels-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function messengerMessengerReceipts(): void {
  // Monday 10:00 in Helsinki; the Send API is a loopback stub answering message ids m_1, m_2, …
  const NOW = new Date('2026-11-23T08:00:00Z');
  let bot: ChannelsAndConsoleBot;

  beforeAll(async () => {
    bot = await startChannelsAndConsoleBot({ now: () => NOW });
  });
  afterAll(async () => bot?.stop());

  const PAGE = 'page-1';
  const CUSTOMER = 'psid-receipts';

  async function webhook(fields: Record<string, unknown>): Promise<void> {
    const body = {
      object: 'page',
      entry: [{ id: PAGE, time: NOW.getTime(), messaging: [{ sender: { id: CUSTOMER }, recipient: { id: PAGE }, timestamp: NOW.getTime(), ...fields }] }],
    };
    expect((await postSignedWebhook(bot.url, MESSENGER_APP_SECRET, JSON.stringify(body))).status).toBe(200);
    await bot.channels.messenger!.settled();
  }

  async function agent(method: string, route: string, body?: unknown) {
    const response = await fetch(`${bot.url}${route}`, {
      method,
      headers: { authorization: `Bearer ${AGENT_API_TOKEN}`, 'x-agent-login': 'vili', ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(response.status).toBe(200);
    return response.json() as Promise<any>;
  }

  async function deliveries(caseId: string): Promise<unknown[]> {
    for (let tries = 0; tries < 50; tries++) {
      const { case: detail } = await agent('GET', `/api/agent/cases/${caseId}`);
      const found = detail.events.filter((event: { event: string }) => event.event === 'replied').map((event: { delivery: unknown }) => event.delivery);
      if (JSON.stringify(found) !== JSON.stringify(last)) {
        last = found;
        return found;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return last;
  }
  let last: unknown[] = [];

  test('an agent reply on Messenger is "sent to Messenger" until Messenger reports it delivered, then read', async () => {
    await webhook({ message: { mid: 'mid.customer.1', text: 'haluan puhua ihmisen kanssa' } });
    const conversation = await bot.app.desk.agent.conversation(`facebook/${CUSTOMER}-${PAGE}`);
    const caseId = conversation!.openCaseId!;
    await agent('POST', `/api/agent/cases/${caseId}/claim`);
    await agent('POST', `/api/agent/cases/${caseId}/reply`, { text: 'Hei, katson asiaasi.' });
    // The id the Send API gave the reply (the stub's m_<n>) is kept with it.
    const { case: detail } = await agent('GET', `/api/agent/cases/${caseId}`);
    const mid = detail.events.at(-1).messageId as string;
    expect(mid).toMatch(/^m_\d+$/);
    expect(await deliveries(caseId)).toEqual([{ stream: 'channel' }]);

    // A receipt for someone else's message changes nothing; one naming ours marks it delivered.
    await webhook({ delivery: { mids: ['m_other'], watermark: NOW.getTime() } });
    await webhook({ delivery: { mids: [mid], watermark: NOW.getTime() } });
    expect(await deliveries(caseId)).toEqual([{ stream: 'delivered' }]);

    await webhook({ read: { watermark: NOW.getTime() + 1000 } });
    expect(await deliveries(caseId)).toEqual([{ stream: 'delivered', seenAt: NOW.toISOString() }]);
  });
}
