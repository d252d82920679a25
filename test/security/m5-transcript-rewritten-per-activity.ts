import { appendFile, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { FileTranscriptStore, StoreFileError } from '../../bot/store/index.js';
import { useTempDirs } from '../support/temp-dirs.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';

/** Registers this finding's tests; ./findings-m4-and-later.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function m5TranscriptRewrittenPerActivity(): void {
  // M5 (transcript part) of the security review: the transcript file was read and rewritten whole on
  // every activity, so a long conversation cost more with every message (120 events of 200 KB: 24 MB
  // rewritten per turn, other customers' turns slowed down). Each activity is now one appended line.

  const tempDir = useTempDirs('vastaa-m5-');

  function message(conversationId: string, text: string): Activity {
    return { type: 'message', channelId: 'emulator', conversation: { id: conversationId }, from: { id: 'u' }, text } as Activity;
  }

  describe('M5: a turn appends to the transcript instead of rewriting it', () => {
    let bot: TestBot;
    beforeAll(async () => {
      bot = await startTestBot();
    });
    afterAll(async () => bot.stop());

    test('later turns leave the bytes already on disk untouched, in the same file (no rewrite through a temporary file)', async () => {
      const conversation = { channelId: 'emulator', conversationId: 'm5-long-chat', from: { id: 'm5-customer' }, locale: 'en-US' };
      await bot.send('what are your opening hours?', conversation);
      await bot.app.transcripts.flush();
      const file = (bot.app.transcripts as FileTranscriptStore).fileOf('emulator', 'm5-long-chat');
      const before = await readFile(file);
      const inode = (await stat(file)).ino;

      for (let turn = 0; turn < 5; turn += 1) await bot.send(`thanks ${turn}`, conversation);
      await bot.app.transcripts.flush();

      const after = await readFile(file);
      expect((await stat(file)).ino).toBe(inode);
      expect(after.length).toBeGreaterThan(before.length);
      expect(after.subarray(0, before.length).equals(before)).toBe(true);
      const texts = (await bot.app.transcripts.allActivities('emulator', 'm5-long-chat')).filter((a) => a.from?.id === 'm5-customer').map((a) => a.text);
      expect(texts).toEqual(['what are your opening hours?', 'thanks 0', 'thanks 1', 'thanks 2', 'thanks 3', 'thanks 4']);
    });
  });

  describe('M5: the append-only transcript survives a cut-short write', () => {
    test('a last line cut short by a crash is dropped, the lines before it are kept, and the next activity starts on a clean line', async () => {
      const folder = path.join(await tempDir(), 'transcripts');
      const store = await FileTranscriptStore.open(folder);
      for (const text of ['moi', 'onko sähkökatkoa?']) await store.logActivity(message('cut', text));
      await appendFile(store.fileOf('emulator', 'cut'), '{"type":"message","text":"kesk');

      const reopened = await FileTranscriptStore.open(folder);
      expect((await reopened.allActivities('emulator', 'cut')).map((a) => a.text)).toEqual(['moi', 'onko sähkökatkoa?']);
      await reopened.logActivity(message('cut', 'kiitos'));
      expect((await reopened.allActivities('emulator', 'cut')).map((a) => a.text)).toEqual(['moi', 'onko sähkökatkoa?', 'kiitos']);
      const lines = (await readFile(reopened.fileOf('emulator', 'cut'), 'utf8')).split('\n');
      expect(lines.at(-1)).toBe('');
      for (const line of lines.slice(0, -1)) expect(() => JSON.parse(line)).not.toThrow();
    });

    test('a garbled line between good ones is reported with the file and the line number, never skipped silently', async () => {
      const folder = path.join(await tempDir(), 'transcripts');
      const store = await FileTranscriptStore.open(folder);
      await store.logActivity(message('garbled', 'moi'));
      const file = store.fileOf('emulator', 'garbled');
      await appendFile(file, 'not json\n');
      await store.logActivity(message('garbled', 'hei'));
      await expect(store.allActivities('emulator', 'garbled')).rejects.toBeInstanceOf(StoreFileError);
      await expect(store.allActivities('emulator', 'garbled')).rejects.toThrow(`${file} cannot be used: line 3 of the transcript is not valid JSON`);
    });

    test('flush() waits for every append started before it, across conversations', async () => {
      const store = await FileTranscriptStore.open(path.join(await tempDir(), 'transcripts'));
      const started = Array.from({ length: 50 }, (_, i) => void store.logActivity(message(`c-${i % 5}`, `m-${i}`)));
      expect(started).toHaveLength(50);
      await store.flush();
      for (let c = 0; c < 5; c += 1) expect(await store.allActivities('emulator', `c-${c}`)).toHaveLength(10);
    });
  });
}
