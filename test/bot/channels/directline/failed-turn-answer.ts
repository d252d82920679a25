import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { MemoryStorage, type Activity, type StoreItems } from 'botbuilder';
import { DirectLineClient } from '../../../support/direct-line-client.js';
import { fsError } from '../../../support/journal-faults.js';
import { startVastaa, type Vastaa } from '../../../support/vastaa.js';

/** Registers this file's tests; ../channels-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function directlineFailedTurnAnswer(): void {
  // A turn that fails inside the bot is answered by onTurnError with an apology; the HTTP answer to the
  // customer's POST must still say the message was not processed, or a client that got 200 takes it as
  // handled (a handoff request with no case, a message no instance will ever answer).
  const TOKEN_KEY = 'failed-turn-answer-key-0123456789abcdef';
  let bot: Vastaa;
  let storageFails = false;

  beforeAll(async () => {
    const storage = new MemoryStorage();
    const write = storage.write.bind(storage);
    storage.write = async (changes: StoreItems) => {
      if (storageFails) throw fsError('ENOSPC');
      return write(changes);
    };
    bot = await startVastaa({ env: { DIRECT_LINE_TOKEN_KEY: TOKEN_KEY }, overrides: { storage } });
  });
  afterAll(async () => bot.stop());

  const fromBot = (activities: Activity[]) => activities.filter((activity) => activity.type === 'message' && activity.from.role === 'bot');

  describe('built-in Direct Line: the answer to a message whose turn failed', () => {
    test('is 502 bot_error, not 200, while the customer still sees the apology; the same message is answered 200 once the bot can save again', async () => {
      const client = new DirectLineClient(`${bot.url}/v3/directline`);
      await client.start();
      storageFails = true;
      const failed = await client.post({ type: 'message', text: 'haluan puhua ihmisen kanssa' });
      expect(failed.status).toBe(502);
      expect(failed.body.error.code).toBe('bot_error');
      expect(bot.logs.some((line) => line.includes('turn failed') && line.includes('ENOSPC'))).toBe(true);
      // The customer is told, in their language, to write again (the apology of onTurnError).
      expect(fromBot((await client.poll()).body.activities).at(-1)!.text).toMatch(
        /^Olen pahoillani, minulle sattui virhe enkä pystynyt vastaamaan\. Kirjoita viestisi uudelleen/,
      );

      // Sent again, as Web Chat offers and a retrying client does: handled this time, with one case in the queue.
      storageFails = false;
      const retried = await client.post({ type: 'message', text: 'haluan puhua ihmisen kanssa' });
      expect(retried.status).toBe(200);
      const waiting = (await bot.app.desk.agent.queue()).filter((record) => record.conversationKey.endsWith(`/${client.conversationId}`));
      expect(waiting).toHaveLength(1);
    });
  });
}
