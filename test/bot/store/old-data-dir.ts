import { existsSync } from 'node:fs';
import { cp, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { savedConversation } from '../../support/conversation-state.js';
import { useTempDirs } from '../../support/temp-dirs.js';
import { PROJECT_ROOT, startTestBot } from '../../support/test-bot.js';

/** Registers this file's tests; ./stores.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function oldDataDir(): void {
  // A DATA_DIR written before file names were hashes (state/<encoded key>.json,
  // transcripts/<channel>/<conversation>.json), made by the previous version of the bot itself.
  const FIXTURE = path.join(PROJECT_ROOT, 'test/fixtures/data-dir-before-hashed-names');
  const MONDAY_MORNING = new Date('2026-11-23T08:00:00Z');
  const tempDir = useTempDirs('vastaa-old-data-');

  async function oldDataDir(): Promise<string> {
    const dataDir = await tempDir();
    await cp(FIXTURE, dataDir, { recursive: true });
    return dataDir;
  }

  describe('a data folder from before hashed file names', () => {
    test('the bot starts on it and finds every conversation state, transcript and case, now under hashed names', async () => {
      const dataDir = await oldDataDir();
      // The old folder's conversations are on channel "test", which only an open /api/messages takes.
      const bot = await startTestBot({ dataDir, now: () => MONDAY_MORNING, env: { API_MESSAGES: 'open' } });
      try {
        expect((await savedConversation(bot, 'old-chat', 'test')).vastaa).toMatchObject({ language: 'fi', lastIntent: 'opening_hours' });
        expect((await savedConversation(bot, 'old:chat;two', 'test')).vastaa).toMatchObject({ language: 'en' });
        expect((await bot.app.transcripts.allActivities('test', 'old-chat')).filter((a) => a.from?.id === 'old-customer').map((a) => a.text)).toEqual([
          'mitkä ovat aukioloaikanne?',
          'haluan puhua ihmisen kanssa',
        ]);
        expect((await bot.app.transcripts.allActivities('test', 'old:chat;two')).map((a) => a.text)).toContain('hello');

        const exported = await bot.app.customerData.export('test', 'old-customer');
        expect(exported.cases).toHaveLength(1);
        expect(exported.conversations[0]?.transcript.map((a) => a.text)).toContain('haluan puhua ihmisen kanssa');

        expect(existsSync(path.join(dataDir, 'transcripts', 'test'))).toBe(false);
        for (const name of await readdir(path.join(dataDir, 'state'))) expect(name).toMatch(/^test-[0-9a-f]{64}\.json$/);
        for (const name of await readdir(path.join(dataDir, 'transcripts'))) expect(name).toMatch(/^test-[0-9a-f]{64}\.jsonl$/);

        // New turns go on after the migrated ones.
        await bot.send('kiitos', { channelId: 'test', conversationId: 'old-chat', from: { id: 'old-customer' } });
        await bot.app.transcripts.flush();
        expect((await bot.app.transcripts.allActivities('test', 'old-chat')).filter((a) => a.from?.id === 'old-customer').map((a) => a.text)).toEqual([
          'mitkä ovat aukioloaikanne?',
          'haluan puhua ihmisen kanssa',
          'kiitos',
        ]);
      } finally {
        await bot.stop();
      }
    });

    test('a move interrupted after the new files were written (old files still there) finishes at the next start-up without doubling anything', async () => {
      const dataDir = await oldDataDir();
      const first = await startTestBot({ dataDir, now: () => MONDAY_MORNING });
      const migrated = await first.app.transcripts.allActivities('test', 'old-chat');
      await first.stop();
      // As if the process had died between writing the new files and removing the old ones.
      await cp(path.join(FIXTURE, 'transcripts'), path.join(dataDir, 'transcripts'), { recursive: true });
      await cp(path.join(FIXTURE, 'state'), path.join(dataDir, 'state'), { recursive: true });

      const second = await startTestBot({ dataDir, now: () => MONDAY_MORNING });
      try {
        expect(await second.app.transcripts.allActivities('test', 'old-chat')).toEqual(migrated);
        expect((await savedConversation(second, 'old-chat', 'test')).vastaa).toMatchObject({ lastIntent: 'opening_hours' });
        expect((await readdir(path.join(dataDir, 'state'))).length).toBe(2);
        expect((await readdir(path.join(dataDir, 'transcripts'))).length).toBe(2);
      } finally {
        await second.stop();
      }
    });
  });
}
