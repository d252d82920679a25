import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { startChannelBot, type ChannelBot } from '../support/channel-bot.js';
import { DirectLineClient } from '../support/direct-line-client.js';

/** Registers this finding's tests; ./findings-h6-to-l12.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function l10DirectLineHistoryMasked(): void {
  // L10: the built-in Direct Line kept the customer's posted activity, as posted, in its in-memory
  // history for up to an hour (Web Chat's echo, and what a reconnect replays): every card unmasked.

  let bot: ChannelBot;
  beforeAll(async () => {
    bot = await startChannelBot({ env: { DIRECT_LINE_TOKEN_KEY: 'l10-direct-line-token-key-0123456789abcdef' } });
  });
  afterAll(async () => bot.stop());

  const digitsOnly = (text: string) => text.normalize('NFKC').replace(/\D/g, '');

  describe('L10: the Direct Line history holds the masked activity, never the posted one', () => {
    test('a card in the text, a value and channelData is masked in the echo the stream pushes and in the history a poll or reconnect reads', async () => {
      const client = new DirectLineClient(`${bot.url}/v3/directline`);
      await client.start();
      const stream = await client.openStream();
      const posted = await client.post({
        type: 'message',
        text: 'kortti 4111\u00A01111\u00A01111\u00A01111 12/27',
        value: { card: '4111-1111-1111-1111' },
        channelData: { clientActivityID: 'abc123', note: 'FI21 1234 5600 0007 85', hetu: '131052\u2013308T' },
      });
      expect(posted.status).toBe(200);
      const echo = (activities: Activity[]) => activities.find((activity) => activity.id === posted.body.id);
      const streamed = echo(await stream.until((activities) => echo(activities) !== undefined));
      await stream.close();
      const polled = echo((await client.poll()).body.activities);

      for (const activity of [streamed, polled]) {
        expect(activity).toMatchObject({
          text: 'kortti [CARD] 12/27',
          value: { card: '[CARD]' },
          channelData: { clientActivityID: 'abc123', note: '[IBAN]', hetu: '[HETU]' },
        });
        expect(digitsOnly(JSON.stringify(activity))).not.toMatch(/4111111111111111|2112345600000785|131052308/);
      }
    });

    test('the turn still sees that personal data was sent: the customer is handed to a person', async () => {
      const client = new DirectLineClient(`${bot.url}/v3/directline`);
      await client.start();
      await client.post({ type: 'message', text: 'tilini FI21\u00A01234\u00A05600\u00A00007\u00A085' });
      const history = (await client.poll()).body.activities;
      expect(history.find((activity) => activity.name === 'handoff.initiate')?.value?.signals).toContain('sensitive_topic:personal_data:iban');
    });
  });
}
