import type { FileTranscriptStore } from '../../bot/store/index.js';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { MAX_ID_LENGTH } from '../../core/index.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';

/** Registers this finding's tests; ./findings-h6-to-l12.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function l1LongIdEnametoolong(): void {
  // L1 of the security review: a conversation id over about 220 characters (fewer when not ASCII) made
  // the state file name longer than 255 bytes, so every turn failed with ENAMETOOLONG and the client got
  // 200 with no reply. Ids over the limit are now a 400 naming the field, and any id within it works,
  // because file names are hashes whatever the id's length or script.

  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.stop());

  /** An English question in the test's own conversation, with `fields` over it. */
  const post = (fields: Record<string, unknown>) =>
    bot.post({ conversation: { id: 'l1-chat' }, from: { id: 'l1-user' }, text: 'what are your opening hours?', locale: 'en-US', ...fields });

  describe('L1: long ids', () => {
    test.each([
      ['conversation.id', { conversation: { id: 'c'.repeat(300) } }],
      ['channelId', { channelId: 'e'.repeat(300) }],
      ['from.id', { from: { id: 'u'.repeat(300) } }],
    ])('a 300-character %s gets 400 naming the field and the limit, instead of a silent 200', async (field, fields) => {
      const answer = await post(fields);
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toContain(`${field} must be at most ${MAX_ID_LENGTH} characters`);
    });

    test(`a ${MAX_ID_LENGTH}-character conversation id in a non-Latin script (far over 255 bytes as a file name) is answered and its state and transcript are kept`, async () => {
      const id = 'ä'.repeat(MAX_ID_LENGTH);
      const answer = await post({ conversation: { id } });
      expect(answer.status).toBe(200);
      const replies = (answer.body.activities as { type: string; text?: string }[]).filter((activity) => activity.type === 'message');
      expect(replies.length).toBeGreaterThan(0);
      expect(replies[0]?.text).not.toMatch(/went wrong|meni vikaan/i);
      expect(bot.logs.join('\n')).not.toContain('ENAMETOOLONG');
      await bot.app.transcripts.flush();
      expect((await bot.app.transcripts.allActivities('emulator', id)).map((activity) => activity.text)).toContain('what are your opening hours?');
      expect(existsSync((bot.app.transcripts as FileTranscriptStore).fileOf('emulator', id))).toBe(true);
    });
  });
}
