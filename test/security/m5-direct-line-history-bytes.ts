import { startChannelBot, type ChannelBot } from '../support/channel-bot.js';
import { DirectLineClient } from '../support/direct-line-client.js';

/** Registers this finding's tests; ./findings-m4-and-later.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function m5DirectLineHistoryBytes(): void {
  // M5: one Direct Line conversation could hold hundreds of MiB: 120 events with a 200 KB value each were
  // all accepted and kept (the history was capped at 1,000 activities, whatever their size).
  // Memory is measured as what the conversation structure holds, not as the process's RSS.

  const HISTORY_BYTES = 65_536;
  let bot: ChannelBot;
  beforeAll(async () => {
    bot = await startChannelBot({
      env: { DIRECT_LINE_TOKEN_KEY: 'm5-direct-line-test-key-0123456789abcdef', DIRECT_LINE_HISTORY_BYTES: String(HISTORY_BYTES) },
    });
  });
  afterAll(async () => bot.stop());

  const bigText = (bytes: number) => 'x'.repeat(bytes);

  describe('M5: posted activities cannot carry large payloads', () => {
    let client: DirectLineClient;
    beforeAll(async () => {
      client = new DirectLineClient(`${bot.url}/v3/directline`);
      await client.start();
    });

    test('an event activity (the bot takes none but the read receipt) with a 200 KB value is refused with 400 naming the type', async () => {
      const answer = await client.post({ type: 'event', name: 'x', value: bigText(200_000) });
      expect(answer.status).toBe(400);
      expect(answer.body.error.details).toContain('type must be message or typing (the one event taken is vastaa.seen)');
      const receipt = await client.post({ type: 'event', name: 'vastaa.seen', value: bigText(200_000) });
      expect(receipt.status).toBe(400);
      expect(receipt.body.error.details).toEqual(['value must be at most 4096 bytes as JSON']);
    });

    test.each([
      ['value', { value: bigText(200_000) }],
      ['channelData', { channelData: { clientActivityID: 'c-1', padding: bigText(200_000) } }],
      ['entities', { entities: [{ type: 'x', padding: bigText(200_000) }] }],
    ])('a message with a 200 KB %s is refused with 400 naming the field', async (field, extra) => {
      const answer = await client.post({ type: 'message', text: 'hi', ...extra });
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toBe(`${field} must be at most 4096 bytes as JSON`);
    });

    test("what Web Chat sends still passes: a suggested action's value and a client activity id", async () => {
      const answer = await client.post({
        type: 'message',
        text: 'Tilauksen tila',
        value: { intent: 'order_status' },
        channelData: { clientActivityID: 'c-2', clientTimestamp: new Date().toISOString() },
      });
      expect(answer.status).toBe(200);
    });
  });

  describe('M5: the history is capped by bytes as well as by count', () => {
    test('however much a customer writes, the conversation holds at most DIRECT_LINE_HISTORY_BYTES, and the newest activities stay', async () => {
      const client = new DirectLineClient(`${bot.url}/v3/directline`);
      await client.start();
      for (let i = 0; i < 30; i++) {
        const answer = await client.post({ type: 'message', text: `${i} ${bigText(3990)}`, value: { padding: bigText(4000) } });
        expect(answer.status).toBe(200);
      }
      const held = bot.channels.directLine!.conversations!.held(client.conversationId);
      expect(held.historyBytes).toBeLessThanOrEqual(HISTORY_BYTES);
      expect(held.historyBytes).toBeGreaterThan(HISTORY_BYTES / 2);
      const { body } = await client.poll();
      const lastSent = body.activities.filter((activity) => activity.from.role === 'user').at(-1)!;
      expect(lastSent.text).toMatch(/^29 /);
      expect(body.activities.length).toBe(held.historyCount);
      expect(body.activities.some((activity) => activity.text?.startsWith('0 '))).toBe(false);
    });
  });
}
