import { describe, expect, test } from '@jest/globals';
import type { Storage } from 'botbuilder';

export interface StorageHarness {
  open(): Promise<Storage>;
  /** A new instance on the same data, as after a restart. */
  reopen(): Promise<Storage>;
}

/** The botbuilder Storage behaviour the bot's conversation state relies on, for every implementation. */
export function storageContract(name: string, harness: () => StorageHarness): void {
  describe(`${name} keeps the Storage contract`, () => {
    test('reads back what was written, and nothing for keys never written', async () => {
      const storage = await harness().open();
      await storage.write({ 'emulator/conversations/a/': { vastaa: { language: 'fi', turns: 2 } } });
      const items = await storage.read(['emulator/conversations/a/', 'emulator/conversations/missing/']);
      expect(items['emulator/conversations/a/']).toMatchObject({ vastaa: { language: 'fi', turns: 2 } });
      expect(Object.keys(items)).toEqual(['emulator/conversations/a/']);
    });

    test('a write with a stale eTag is refused and the newer state kept', async () => {
      const storage = await harness().open();
      await storage.write({ key: { value: 1 } });
      const { key: read } = await storage.read(['key']);
      await storage.write({ key: { ...read, value: 2 } });
      await expect(storage.write({ key: { ...read, value: 3 } })).rejects.toThrow();
      expect((await storage.read(['key'])).key).toMatchObject({ value: 2 });
    });

    test('a write with eTag "*" or without one always wins', async () => {
      const storage = await harness().open();
      await storage.write({ key: { value: 1 } });
      await storage.write({ key: { value: 2, eTag: '*' } });
      await storage.write({ key: { value: 3 } });
      expect((await storage.read(['key'])).key).toMatchObject({ value: 3 });
    });

    test('deleted keys read as absent, and deleting an absent key is fine', async () => {
      const storage = await harness().open();
      await storage.write({ a: { value: 1 }, b: { value: 2 } });
      await storage.delete(['a', 'never-written']);
      expect(Object.keys(await storage.read(['a', 'b']))).toEqual(['b']);
    });

    test('state survives a restart', async () => {
      const h = harness();
      const storage = await h.open();
      await storage.write({ 'emulator/conversations/a/': { vastaa: { language: 'en' } } });
      const reopened = await h.reopen();
      expect((await reopened.read(['emulator/conversations/a/']))['emulator/conversations/a/']).toMatchObject({ vastaa: { language: 'en' } });
    });

    test('keys that look like paths or prototype keys are ordinary, separate keys', async () => {
      const h = harness();
      const storage = await h.open();
      const keys = ['../handoff', '..', 'a/../../b', 'constructor', '__proto__', 'x\\y'];
      await storage.write(Object.fromEntries(keys.map((key, index) => [key, { index }])));
      const reopened = await h.reopen();
      const items = await reopened.read(keys);
      expect(keys.map((key) => (items[key] as { index?: number } | undefined)?.index)).toEqual(keys.map((_, index) => index));
    });

    test('changing an object after writing it does not change what is stored', async () => {
      const storage = await harness().open();
      const item = { list: [1] };
      await storage.write({ key: item });
      item.list.push(2);
      expect((await storage.read(['key'])).key).toMatchObject({ list: [1] });
    });
  });
}
