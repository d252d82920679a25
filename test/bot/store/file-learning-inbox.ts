import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { FileLearningInbox, MAX_INBOX_ITEMS, StoreFileError, StorageHealth } from '../../../bot/store/index.js';
import type { InboxEntry } from '../../../dialogs/index.js';
import { useTempDirs } from '../../support/temp-dirs.js';

/** Registers this file's tests; ./stores.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function fileLearningInbox(): void {
  const tempDir = useTempDirs('vastaa-inbox-');

  function entry(text: string, at: string, conversationKey = 'emulator/c1'): InboxEntry {
    return { kind: 'not_understood', text, language: 'fi', at, conversationKey, verdict: 'unfamiliar', score: 0.2, ranking: [{ intent: 'help', score: 0.2 }] };
  }

  describe('the learning inbox file', () => {
    test('keeps items across a restart, newest first, and removes handled ones for good', async () => {
      const file = path.join(await tempDir(), 'learning-inbox.json');
      const inbox = await FileLearningInbox.open(file);
      inbox.record(entry('eka', '2026-11-25T10:00:00Z'));
      inbox.record(entry('toka', '2026-11-25T11:00:00Z'));
      await inbox.flush();
      const reopened = await FileLearningInbox.open(file);
      const items = await reopened.list();
      expect(items.map((item) => item.text)).toEqual(['toka', 'eka']);
      expect(await reopened.remove([items[0]!.id, 'ffffffffffffffff'])).toBe(1);
      expect((await (await FileLearningInbox.open(file)).list()).map((item) => item.text)).toEqual(['eka']);
    });

    test(`holds at most ${MAX_INBOX_ITEMS} items: the oldest go first`, async () => {
      const file = path.join(await tempDir(), 'learning-inbox.json');
      const inbox = await FileLearningInbox.open(file);
      for (let index = 0; index < MAX_INBOX_ITEMS + 3; index++)
        inbox.record(entry(`viesti ${index}`, new Date(Date.UTC(2026, 10, 1) + index * 1000).toISOString()));
      await inbox.flush();
      const items = await (await FileLearningInbox.open(file)).list();
      expect(items).toHaveLength(MAX_INBOX_ITEMS);
      expect(items[0]!.text).toBe(`viesti ${MAX_INBOX_ITEMS + 2}`);
      expect(items.at(-1)!.text).toBe('viesti 3');
    });

    test("forgets a customer's conversations and items older than the retention cutoff", async () => {
      const file = path.join(await tempDir(), 'learning-inbox.json');
      const inbox = await FileLearningInbox.open(file);
      inbox.record(entry('vanha', '2026-08-01T10:00:00Z', 'emulator/a'));
      inbox.record(entry('matin', '2026-11-25T10:00:00Z', 'emulator/matti'));
      inbox.record(entry('uusi', '2026-11-26T10:00:00Z', 'emulator/b'));
      expect(await inbox.forgetConversations(['emulator/matti'])).toBe(1);
      expect(await inbox.removeOlderThan(new Date('2026-09-01T00:00:00Z'))).toBe(1);
      expect((await inbox.list()).map((item) => item.text)).toEqual(['uusi']);
      expect(await readFile(file, 'utf8')).not.toMatch(/matin|vanha/);
    });

    test('a file that is not an inbox stops start-up and is left untouched; a failed write turns /healthz red', async () => {
      const dir = await tempDir();
      const file = path.join(dir, 'learning-inbox.json');
      await writeFile(file, '{"version":1,"items":[{"text":1}]}');
      await expect(FileLearningInbox.open(file)).rejects.toThrow(StoreFileError);
      expect(await readFile(file, 'utf8')).toBe('{"version":1,"items":[{"text":1}]}');

      const health = new StorageHealth();
      const other = path.join(dir, 'other', 'learning-inbox.json');
      const inbox = await FileLearningInbox.open(other, health);
      // The temporary file's name taken by a folder: the write fails as on a broken disk.
      await mkdir(path.join(dir, 'other', '.learning-inbox.json.tmp'));
      inbox.record(entry('ei mahdu', '2026-11-25T10:00:00Z'));
      await expect(inbox.flush()).rejects.toThrow(/EISDIR/);
      expect(health.ok).toBe(false);
      await rm(path.join(dir, 'other', '.learning-inbox.json.tmp'), { recursive: true });
      await inbox.flush();
      expect(health.ok).toBe(true);
      expect(await readFile(other, 'utf8')).toContain('ei mahdu');
    });
  });
}
