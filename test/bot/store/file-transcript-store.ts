import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import type { Activity } from 'botbuilder';
import fc from 'fast-check';
import { conversationKey, customerKey, splitConversationKey } from '../../../handoff/index.js';
import { FileTranscriptStore } from '../../../bot/store/index.js';
import { useTempDirs } from '../../support/temp-dirs.js';

/** Registers this file's tests; ./stores.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function fileTranscriptStore(): void {
  const tempDir = useTempDirs('vastaa-transcripts-');

  function message(channelId: string, conversationId: string, text: string): Activity {
    return { type: 'message', channelId, conversation: { id: conversationId }, from: { id: 'u' }, text } as Activity;
  }

  describe('transcripts as JSON Lines files named by hash', () => {
    test("lists a channel's conversations and finds idle ones by the ids kept inside the files, whatever the ids look like", async () => {
      const folder = path.join(await tempDir(), 'transcripts');
      const store = await FileTranscriptStore.open(folder);
      for (const [channel, conversation] of [
        ['emulator', 'a/b'],
        ['emulator', '..'],
        ['facebook', '1-2'],
      ] as const)
        await store.logActivity(message(channel, conversation, 'moi'));
      expect((await store.listTranscripts('emulator')).items.map((item) => item.id).sort()).toEqual(['..', 'a/b']);
      const old = new Date('2026-01-01T00:00:00Z');
      await utimes(store.fileOf('facebook', '1-2'), old, old);
      expect(await store.untouchedSince(new Date('2026-02-01T00:00:00Z'))).toEqual([{ channelId: 'facebook', conversationId: '1-2' }]);
    });

    test('moves a transcript of the old layout (<channel>/<conversation>.json) to its hashed file, and leaves a file it cannot read where it is', async () => {
      const folder = path.join(await tempDir(), 'transcripts');
      await mkdir(path.join(folder, 'emulator'), { recursive: true });
      const activities = [message('emulator', 'old:1', 'moi'), message('emulator', 'old:1', 'hei')];
      await writeFile(
        path.join(folder, 'emulator', `${encodeURIComponent('old:1')}.json`),
        JSON.stringify({ channelId: 'emulator', conversationId: 'old:1', created: '2026-11-01T00:00:00.000Z', activities }),
      );
      await writeFile(path.join(folder, 'emulator', 'broken.json'), '{"activities": [');

      const store = await FileTranscriptStore.open(folder);
      expect((await store.allActivities('emulator', 'old:1')).map((a) => a.text)).toEqual(['moi', 'hei']);
      expect((await store.listTranscripts('emulator')).items).toEqual([{ channelId: 'emulator', id: 'old:1', created: new Date('2026-11-01T00:00:00.000Z') }]);
      expect(await readdir(path.join(folder, 'emulator'))).toEqual(['broken.json']);
      expect(await readFile(path.join(folder, 'emulator', 'broken.json'), 'utf8')).toBe('{"activities": [');
    });

    test('an empty old channel folder is removed after the move', async () => {
      const folder = path.join(await tempDir(), 'transcripts');
      await mkdir(path.join(folder, 'facebook'), { recursive: true });
      await writeFile(
        path.join(folder, 'facebook', 'p-1.json'),
        JSON.stringify({ channelId: 'facebook', conversationId: 'p-1', created: '2026-11-01T00:00:00.000Z', activities: [message('facebook', 'p-1', 'moi')] }),
      );
      await FileTranscriptStore.open(folder);
      expect(existsSync(path.join(folder, 'facebook'))).toBe(false);
    });
  });

  describe('conversation and customer keys', () => {
    test('a channel id with "/" cannot move the split: the key gives back exactly the ids it was made of', () => {
      expect(splitConversationKey(conversationKey('a/b', 'c'))).toEqual({ channelId: 'a/b', conversationId: 'c' });
      expect(conversationKey('a/b', 'c')).not.toBe(conversationKey('a', 'b/c'));
      expect(customerKey('a/b', 'c')).not.toBe(customerKey('a', 'b/c'));
      fc.assert(
        fc.property(fc.string(), fc.string(), (channelId, conversationId) => {
          expect(splitConversationKey(conversationKey(channelId, conversationId))).toEqual({ channelId, conversationId });
        }),
      );
    });

    test('keys of ordinary channel ids are the ones earlier versions stored in handoff.json', () => {
      expect(conversationKey('emulator', 'abc|livechat')).toBe('emulator/abc|livechat');
      expect(customerKey('vastaa-directline', 'dl_123')).toBe('vastaa-directline/dl_123');
    });
  });
}
