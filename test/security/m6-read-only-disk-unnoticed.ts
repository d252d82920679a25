import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import type { Storage, StoreItems } from 'botbuilder';
import { FileStorage } from '../../bot/store/index.js';
import { fsError, JournalFaults } from '../support/journal-faults.js';
import { startTestBot } from '../support/test-bot.js';
import { useTempDirs } from '../support/temp-dirs.js';

/** Registers this finding's tests; ./findings-m4-and-later.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function m6ReadOnlyDiskUnnoticed(): void {
  const tempDir = useTempDirs('vastaa-m6-');
  const MONDAY_MORNING = new Date('2026-11-23T08:00:00Z');
  const STORAGE_ERROR = { en: "I'm sorry, I can't save our conversation right now", fi: 'Olen pahoillani, en pysty juuri nyt tallentamaan keskusteluamme' };

  /** The real state files, with a switch that makes every write fail as on a read-only file system (root ignores chmod). */
  class SwitchableDisk implements Storage {
    readOnly = false;
    constructor(private readonly inner: Storage) {}
    read(keys: string[]) {
      return this.inner.read(keys);
    }
    write(changes: StoreItems) {
      return this.readOnly ? Promise.reject(fsError('EROFS', 'open')) : this.inner.write(changes);
    }
    delete(keys: string[]) {
      return this.readOnly ? Promise.reject(fsError('EROFS', 'unlink')) : this.inner.delete(keys);
    }
  }

  async function health(url: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${url}/healthz`);
    return { status: response.status, body: await response.json() };
  }

  describe('DATA_DIR turns read-only while the bot runs', () => {
    test('/healthz answers 503 until a write succeeds again, and customers get an honest message in their own language', async () => {
      const dataDir = await tempDir();
      const disk = new SwitchableDisk(await FileStorage.open(path.join(dataDir, 'state')));
      const journal = new JournalFaults();
      const bot = await startTestBot({ dataDir, now: () => MONDAY_MORNING, overrides: { storage: disk, openJournal: journal.open } });
      try {
        expect(await bot.say('what are your opening hours', { conversationId: 'english' })).not.toEqual([]);
        expect(await health(bot.url)).toEqual({ status: 200, body: { status: 'ok' } });

        disk.readOnly = true;
        journal.writeFails = 'EROFS';
        // The conversation's stored language wins over a locale that says otherwise.
        const replies = await bot.send('I want to talk to a person', { conversationId: 'english', locale: 'fi-FI', from: { id: 'en-customer' } });
        expect(replies.some((activity) => activity.name === 'handoff.initiate')).toBe(false);
        expect(replies.filter((activity) => activity.type === 'message').at(-1)?.text).toContain(STORAGE_ERROR.en);
        // Only the kind of problem: no error code, path or store name for whoever can reach /healthz.
        expect(await health(bot.url)).toEqual({ status: 503, body: { status: 'degraded', problem: 'storage' } });
        expect(bot.logs.join('\n')).toContain('storage write failed');

        // A new conversation has no stored language: its locale decides, then DEFAULT_LANGUAGE.
        expect((await bot.say('hello', { conversationId: 'new-en', locale: 'en-GB' })).at(-1)).toContain(STORAGE_ERROR.en);
        expect((await bot.say('moi', { conversationId: 'new-fi' })).at(-1)).toContain(STORAGE_ERROR.fi);

        disk.readOnly = false;
        journal.writeFails = null;
        expect(await bot.send('I want to talk to a person', { conversationId: 'english', from: { id: 'en-customer' } })).toContainEqual(
          expect.objectContaining({ name: 'handoff.initiate' }),
        );
        // Each store is healthy again after its own next write: the journal's came with the handoff, the state's with a new conversation.
        await bot.say('what are your opening hours', { conversationId: 'after' });
        expect(await health(bot.url)).toEqual({ status: 200, body: { status: 'ok' } });
        expect(bot.logs.join('\n')).toContain('storage writes work again');
      } finally {
        await bot.stop();
      }
    });

    test('a failing journal alone is reported too, and cleared by its next successful write', async () => {
      const journal = new JournalFaults();
      const bot = await startTestBot({ now: () => MONDAY_MORNING, overrides: { openJournal: journal.open } });
      try {
        journal.writeFails = 'ENOSPC';
        expect((await bot.say('haluan puhua ihmisen kanssa', { conversationId: 'full' })).at(-1)).toContain(STORAGE_ERROR.fi);
        expect((await health(bot.url)).status).toBe(503);
        // State writes keep working, but they say nothing about the journal.
        await bot.say('mitkä ovat aukioloajat', { conversationId: 'other' });
        expect((await health(bot.url)).status).toBe(503);
        journal.writeFails = null;
        await bot.say('haluan puhua ihmisen kanssa', { conversationId: 'full' });
        expect(await health(bot.url)).toEqual({ status: 200, body: { status: 'ok' } });
      } finally {
        await bot.stop();
      }
    });
  });
}
