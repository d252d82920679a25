import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { FileStorage, FileTranscriptStore, stateFileName } from '../../bot/store/index.js';
import { useTempDirs } from '../support/temp-dirs.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';

/** Registers this finding's tests; ./findings-c1-to-h5.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function c2DotdotChannelPathTraversal(): void {
  // C2 of the security review: `channelId: ".."` on /api/messages made the transcript store write into
  // DATA_DIR itself (one request blocked every later start-up), and a GDPR erasure of customer "../u"
  // deleted handoff.json. Defended twice: ids like that are a 400 at the edge, and every store names its
  // files by a hash of the key, so no id can reach a file outside the store's folder.

  const tempDir = useTempDirs('vastaa-c2-');
  const ADMIN_TOKEN = 'c2-admin-token-0123456789abcdef';
  const MONDAY_MORNING = new Date('2026-11-23T08:00:00Z');

  /** The test's English question as the Emulator posts it, with `fields` (the path-like ids) over it. */
  const post = (bot: TestBot, fields: Record<string, unknown>) =>
    bot.post({ conversation: { id: 'c2-chat' }, from: { id: 'c2-user' }, text: 'hello', ...fields });

  async function filesUnder(folder: string): Promise<string[]> {
    return (await readdir(folder, { recursive: true })).map(String).sort();
  }

  /** The path sent as it is: fetch() and URL() would resolve `%2E%2E` as ".." before sending; curl (the review's client) does not. */
  function rawRequest(url: string, method: string, pathAndQuery: string, headers: Record<string, string>): Promise<{ status: number; body: any }> {
    return new Promise((resolve, reject) => {
      const { hostname, port } = new URL(url);
      const sent = request({ hostname, port, path: pathAndQuery, method, headers }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
      });
      sent.on('error', reject);
      sent.end();
    });
  }

  describe('C2: ids on /api/messages can never become paths', () => {
    let shared: TestBot;
    beforeAll(async () => {
      shared = await startTestBot();
    });
    afterAll(async () => shared.stop());

    test.each([
      ['channelId', { channelId: '..' }],
      ['channelId', { channelId: '.' }],
      ['channelId', { channelId: 'a/b' }],
      ['channelId', { channelId: 'a\\b' }],
      ['conversation.id', { conversation: { id: '..' } }],
      ['conversation.id', { conversation: { id: '../../handoff' } }],
      ['conversation.id', { conversation: { id: 'x\u0000y' } }],
      ['conversation.id', { conversation: { id: 'two\nlines' } }],
      ['from.id', { from: { id: '..' } }],
      ['recipient.id', { recipient: { id: 'bot/../x' } }],
    ])('an activity with a path-like %s (%j) gets 400 naming the field and leaves DATA_DIR as it was', async (field, fields) => {
      const before = await filesUnder(shared.dataDir);
      const answer = await post(shared, fields);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid_activity');
      expect(answer.body.error.message).toContain(field);
      await shared.app.transcripts.flush();
      expect(await filesUnder(shared.dataDir)).toEqual(before);
    });

    test('the review\'s reproduction (channel "..", conversations "state" and "handoff", then erasing "../u") gets 400 at every step and keeps handoff.json, the waiting case and the state', async () => {
      const dataDir = await tempDir();
      const bot = await startTestBot({ dataDir, now: () => MONDAY_MORNING, env: { ADMIN_TOKEN } });
      try {
        const customer = { channelId: 'emulator', conversationId: 'real-customer', from: { id: 'real-user' } };
        await bot.send('haluan puhua ihmisen kanssa', customer);
        expect(await bot.app.desk.agent.queue()).toHaveLength(1);

        for (const conversation of ['state', 'handoff']) {
          const answer = await post(bot, { channelId: '..', conversation: { id: conversation }, from: { id: 'u' } });
          expect(answer).toMatchObject({ status: 400, body: { error: { code: 'invalid_activity', message: expect.stringContaining('channelId') } } });
        }
        const erased = await rawRequest(bot.url, 'DELETE', '/api/customers/%2E%2E/u', { authorization: `Bearer ${ADMIN_TOKEN}` });
        expect(erased).toMatchObject({ status: 400, body: { error: { code: 'invalid_request', message: expect.stringContaining('channelId') } } });

        await bot.app.transcripts.flush();
        expect(existsSync(path.join(dataDir, 'handoff.json'))).toBe(true);
        expect(existsSync(path.join(dataDir, 'state.json'))).toBe(false);
        expect(existsSync(path.join(dataDir, 'state', stateFileName('emulator/conversations/real-customer/')))).toBe(true);
      } finally {
        await bot.stop();
      }
      // The next start-up is not blocked, and the case is still waiting.
      const restarted = await startTestBot({ dataDir, now: () => MONDAY_MORNING });
      try {
        expect((await restarted.app.desk.agent.queue()).map((record) => record.conversationKey)).toEqual(['emulator/real-customer']);
      } finally {
        await restarted.stop();
      }
    });
  });

  describe('C2: the stores keep every key inside their own folder', () => {
    test('a transcript for channel ".." and conversation "handoff" is a file inside transcripts/, and deleting it leaves DATA_DIR/handoff.json alone', async () => {
      const dataDir = await tempDir();
      await writeFile(path.join(dataDir, 'handoff.json'), '{"version":1,"cases":{"C-1":{}}}');
      const folder = path.join(dataDir, 'transcripts');
      const store = await FileTranscriptStore.open(folder);
      await store.logActivity({ type: 'message', channelId: '..', conversation: { id: 'handoff' }, from: { id: 'u' }, text: 'moi' } as never);
      await store.flush();
      expect(path.dirname(store.fileOf('..', 'handoff'))).toBe(folder);
      expect(await readdir(dataDir)).toEqual(expect.arrayContaining(['handoff.json', 'transcripts']));
      expect((await store.allActivities('..', 'handoff')).map((a) => a.text)).toEqual(['moi']);

      await store.deleteTranscript('..', 'handoff');
      expect(await readFile(path.join(dataDir, 'handoff.json'), 'utf8')).toBe('{"version":1,"cases":{"C-1":{}}}');
      expect(await readdir(folder)).toEqual([]);
    });

    test('a state key "../handoff" is a file inside state/, and deleting it leaves DATA_DIR/handoff.json alone', async () => {
      const dataDir = await tempDir();
      await writeFile(path.join(dataDir, 'handoff.json'), 'keep me');
      const storage = await FileStorage.open(path.join(dataDir, 'state'));
      await storage.write({ '../handoff': { value: 1 } });
      await storage.delete(['../handoff']);
      expect(await readFile(path.join(dataDir, 'handoff.json'), 'utf8')).toBe('keep me');
      expect(await readdir(path.join(dataDir, 'state'))).toEqual([]);
    });

    test('whatever the channel and conversation ids, their files are direct children of the store folder with a short [a-z0-9-] name', async () => {
      const folder = path.join(await tempDir(), 'transcripts');
      await mkdir(folder);
      const transcripts = new FileTranscriptStore(folder);
      const storage = await FileStorage.open(path.join(folder, '..', 'state'));
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 }), (channelId, conversationId) => {
          for (const [file, parent] of [
            [transcripts.fileOf(channelId, conversationId), folder],
            [storage.fileOf(`${channelId}/conversations/${conversationId}/`), path.join(folder, '..', 'state')],
          ] as const) {
            expect(path.dirname(file)).toBe(path.resolve(parent));
            expect(path.basename(file)).toMatch(/^([a-z0-9-]{1,24}-)?[0-9a-f]{64}\.jsonl?$/);
          }
        }),
      );
    });
  });
}
