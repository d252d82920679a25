import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { FileLearningInbox } from '../../../bot/store/index.js';
import { migrate, PostgresLearningInbox } from '../../../bot/store/postgres/index.js';
import type { InboxEntry, LearningInbox } from '../../../dialogs/index.js';
import { freshSchema } from '../../support/postgres.js';
import { useTempDirs } from '../../support/temp-dirs.js';

/** Registers this file's tests; ./stores.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function learningInboxContracts(): void {
  // The studio's learning inbox as a file (one instance) and in PostgreSQL (every instance): the same
  // behaviour from both, and what one instance records, another lists, erases and ages out.
  const tempDir = useTempDirs('vastaa-inbox-contract-');
  const schemas: Awaited<ReturnType<typeof freshSchema>>[] = [];
  afterAll(async () => {
    await Promise.all(schemas.splice(0).map((schema) => schema.drop()));
  });

  function entry(text: string, at: string, conversationKey = 'emulator/c1'): InboxEntry {
    return { kind: 'not_understood', text, language: 'fi', at, conversationKey, verdict: 'unfamiliar', score: 0.2, ranking: [{ intent: 'help', score: 0.2 }] };
  }

  interface Harness {
    /** Opens the inbox; a second call opens it again (a restart, or another instance). */
    open(): Promise<LearningInbox & { flush(): Promise<void> }>;
  }

  function learningInboxContract(name: string, harness: () => Harness): void {
    describe(`${name} keeps the LearningInbox contract`, () => {
      test('keeps items when opened again, newest first, and removes handled ones for good', async () => {
        const store = harness();
        const inbox = await store.open();
        inbox.record(entry('eka', '2026-11-25T10:00:00Z'));
        inbox.record(entry('toka', '2026-11-25T11:00:00Z'));
        await inbox.flush();
        const again = await store.open();
        const items = await again.list();
        expect(items.map((item) => item.text)).toEqual(['toka', 'eka']);
        expect(items[0]).toMatchObject({ kind: 'not_understood', language: 'fi', conversationKey: 'emulator/c1', ranking: [{ intent: 'help', score: 0.2 }] });
        expect(await again.remove([items[0]!.id, 'ffffffffffffffff'])).toBe(1);
        expect((await (await store.open()).list()).map((item) => item.text)).toEqual(['eka']);
      });

      test("forgets a customer's conversations and the items older than the retention cutoff", async () => {
        const store = harness();
        const inbox = await store.open();
        inbox.record(entry('vanha', '2026-08-01T10:00:00Z', 'emulator/a'));
        inbox.record(entry('matin', '2026-11-25T10:00:00Z', 'emulator/matti'));
        inbox.record(entry('uusi', '2026-11-26T10:00:00Z', 'emulator/b'));
        await inbox.flush();
        expect(await inbox.forgetConversations(['emulator/matti'])).toBe(1);
        expect(await inbox.removeOlderThan(new Date('2026-09-01T00:00:00Z'))).toBe(1);
        expect((await (await store.open()).list()).map((item) => item.text)).toEqual(['uusi']);
      });
    });
  }

  learningInboxContract('the learning inbox file', () => {
    let dir: Promise<string> | undefined;
    return { open: async () => FileLearningInbox.open(path.join(await (dir ??= tempDir()), 'learning-inbox.json')) };
  });

  learningInboxContract('the PostgreSQL learning inbox', () => {
    const schema = (async () => {
      const made = await freshSchema();
      schemas.push(made);
      await migrate(made.pool());
      return made;
    })();
    return { open: async () => new PostgresLearningInbox((await schema).pool()) };
  });
}
