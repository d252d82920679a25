import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { FileStorage, StoreFileError } from '../../../bot/store/index.js';
import { useTempDirs } from '../../support/temp-dirs.js';

/** Registers this file's tests; ./stores.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function fileStorage(): void {
  const tempDir = useTempDirs('vastaa-state-');

  describe('conversation state on disk, one file per conversation', () => {
    test('keeps each conversation in its own file and survives reopening', async () => {
      const dir = await tempDir();
      const storage = await FileStorage.open(path.join(dir, 'state'));
      await storage.write({ 'test/conversations/a/': { turns: 1 }, 'test/conversations/b/': { turns: 2 } });
      const reopened = await FileStorage.open(path.join(dir, 'state'));
      expect(await reopened.read(['test/conversations/a/', 'test/conversations/b/', 'missing'])).toMatchObject({
        'test/conversations/a/': { turns: 1 },
        'test/conversations/b/': { turns: 2 },
      });
      expect(existsSync(reopened.fileOf('test/conversations/a/'))).toBe(true);
    });

    test('refuses a write based on state another turn has changed since (stale eTag)', async () => {
      const storage = await FileStorage.open(path.join(await tempDir(), 'state'));
      await storage.write({ key: { value: 1 } });
      const { key: read } = await storage.read(['key']);
      await storage.write({ key: { ...read, value: 2 } });
      await expect(storage.write({ key: { ...read, value: 3 } })).rejects.toThrow("the state of 'key' changed since it was read");
      expect((await storage.read(['key'])).key).toMatchObject({ value: 2 });
    });

    test('moves state kept by earlier versions in state.json into per-conversation files once', async () => {
      const dir = await tempDir();
      await writeFile(path.join(dir, 'state.json'), JSON.stringify({ items: { 'test/conversations/old/': { eTag: '1', vastaa: { language: 'fi' } } } }));
      const storage = await FileStorage.open(path.join(dir, 'state'), path.join(dir, 'state.json'));
      expect((await storage.read(['test/conversations/old/']))['test/conversations/old/']).toMatchObject({ vastaa: { language: 'fi' } });
      expect(existsSync(path.join(dir, 'state.json'))).toBe(false);
      expect(existsSync(path.join(dir, 'state.json.migrated'))).toBe(true);
    });

    test('reads back state written, deleted and written again, and state found on disk at start-up', async () => {
      const dir = await tempDir();
      const storage = await FileStorage.open(path.join(dir, 'state'));
      expect(await storage.read(['test/conversations/new/'])).toEqual({});
      await storage.write({ 'test/conversations/new/': { eTag: '*', turn: 1 } });
      expect(await storage.read(['test/conversations/new/'])).toMatchObject({ 'test/conversations/new/': { turn: 1 } });
      await storage.delete(['test/conversations/new/']);
      expect(await storage.read(['test/conversations/new/'])).toEqual({});
      await storage.write({ 'test/conversations/new/': { eTag: '*', turn: 2 } });
      expect(await storage.read(['test/conversations/new/'])).toMatchObject({ 'test/conversations/new/': { turn: 2 } });
      const reopened = await FileStorage.open(path.join(dir, 'state'));
      expect(await reopened.read(['test/conversations/new/'])).toMatchObject({ 'test/conversations/new/': { turn: 2 } });
      expect(await reopened.read(['test/conversations/other/'])).toEqual({});
    });

    test('a corrupt state file is reported with its path and left as it is', async () => {
      const dir = await tempDir();
      const file = (await FileStorage.open(path.join(dir, 'state'))).fileOf('broken');
      await writeFile(file, '{"eTag":');
      // Opened after the damage, as after the crash that caused it: a running store knows which files it wrote.
      const storage = await FileStorage.open(path.join(dir, 'state'));
      await expect(storage.read(['broken'])).rejects.toBeInstanceOf(StoreFileError);
      await expect(storage.read(['broken'])).rejects.toThrow(file);
      expect(await readFile(file, 'utf8')).toBe('{"eTag":');
    });
  });
}
