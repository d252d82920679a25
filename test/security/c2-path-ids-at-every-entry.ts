import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { startChannelBot, type ChannelBot } from '../support/channel-bot.js';
import { startConsoleBot, VILI, type ConsoleBot } from '../support/console-bot.js';
import { DirectLineClient } from '../support/direct-line-client.js';
import { useTempDirs } from '../support/temp-dirs.js';
import { PROJECT_ROOT } from '../support/test-bot.js';
import { postSignedWebhook } from '../support/messenger-webhook.js';
import { nodeArgsFor } from '../support/compiled-project.js';

/** Registers this finding's tests; ./findings-c1-to-h5.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function c2PathIdsAtEveryEntry(): void {
  // C2 and the "ids can never become paths": besides /api/messages, every other way an id gets
  // in refuses `..`, "/", "\", NUL, control characters and over-long ids with a 400 naming the field
  // (the CLI: exit 1 naming it), before anything is looked up or stored. (Ids over 100 characters in a
  // URL path never reach a route: the router answers 404 itself.)

  const APP_SECRET = 'c2-messenger-app-secret';
  const ADMIN_TOKEN = 'c2-admin-token-0123456789abcdef';
  const tempDir = useTempDirs('vastaa-c2-entry-');

  describe('C2: ids from the customer channels', () => {
    let bot: ChannelBot;
    beforeAll(async () => {
      nock.disableNetConnect();
      nock.enableNetConnect(/127\.0\.0\.1/);
      bot = await startChannelBot({
        env: { MESSENGER_APP_SECRET: APP_SECRET, MESSENGER_PAGE_ACCESS_TOKEN: 'page-token', MESSENGER_VERIFY_TOKEN: 'verify-me' },
      });
    });
    afterAll(async () => {
      await bot.stop();
      nock.cleanAll();
      nock.enableNetConnect();
    });

    test.each([
      ['sender.id', { sender: { id: '..' }, recipient: { id: 'page-1' } }],
      ['sender.id', { sender: { id: 'psid/../../x' }, recipient: { id: 'page-1' } }],
      ['recipient.id', { sender: { id: 'psid-1' }, recipient: { id: 'page\u0000' } }],
      ['sender.id', { sender: { id: '1'.repeat(300) }, recipient: { id: 'page-1' } }],
    ])('a signed Messenger event with a path-like %s gets 400 naming it and starts no conversation', async (field, ids) => {
      const timestamp = Date.now();
      const raw = JSON.stringify({
        object: 'page',
        entry: [{ id: 'page-1', time: timestamp, messaging: [{ ...ids, timestamp, message: { mid: `m-${field}`, text: 'hei' } }] }],
      });
      const response = await postSignedWebhook(bot.url, APP_SECRET, raw);
      await bot.channels.messenger!.settled();
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('invalid_webhook');
      expect(body.error.message).toContain(`messaging.0.${field}`);
      expect((await bot.app.desk.reports.allRecords()).conversations).toEqual([]);
    });

    test.each([
      ['NUL', 'a%00b'],
      ['a backslash', 'a%5C..%5Cb'],
    ])('a Direct Line conversation id with %s in the URL gets 400 naming conversationId, even with a valid token', async (_case, id) => {
      const client = new DirectLineClient(`${bot.url}/v3/directline`);
      await client.start();
      const answer = await client.request('GET', `/conversations/${id}/activities`);
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toContain('conversationId');
    });
  });

  describe('C2: ids from operators and agents', () => {
    let bot: ConsoleBot;
    let cookie: string;
    beforeAll(async () => {
      bot = await startConsoleBot({ env: { ADMIN_TOKEN } });
      cookie = await bot.signIn(VILI);
    });
    afterAll(async () => bot.stop());

    test.each([
      ['a NUL', 'C-1%00'],
      ['a backslash', '..%5Chandoff'],
    ])('a case id with %s in the agent API URL gets 400 naming id', async (_case, id) => {
      const read = await bot.call('GET', `/api/agent/cases/${id}`, { cookie });
      expect(read.status).toBe(400);
      expect(read.body.error.details).toEqual([{ field: 'id', message: expect.any(String) }]);
      const claim = await bot.call('POST', `/api/agent/cases/${id}/claim`, { cookie });
      expect(claim.status).toBe(400);
    });

    test.each([
      ['userId', '/api/customers/emulator/u%00/data', 'GET'],
      ['userId', '/api/customers/emulator/a%5C..%5Cb', 'DELETE'],
      ['channelId', '/api/customers/a%2Fb/u/data', 'GET'],
      ['channelId', '/api/customers/a%2Fb/u', 'DELETE'],
    ])('the customer-data API refuses a path-like %s (%s) with 400 naming it', async (field, route, method) => {
      const answer = await bot.call(method, route, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toContain(field);
    });
  });

  describe('C2: ids given to the data CLI', () => {
    const cli = (dataDir: string, ...args: string[]) =>
      promisify(execFile)(process.execPath, [...nodeArgsFor('tools/cli/data.ts'), ...args], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, DATA_DIR: dataDir },
      });

    test('`npm run data -- erase .. handoff --yes` and `export emulator a/b` exit 1 naming the field, and touch no store', async () => {
      const dataDir = await tempDir();
      await expect(cli(dataDir, 'erase', '..', 'handoff', '--yes')).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('channelId must not be "." or ".."'),
      });
      await expect(cli(dataDir, 'export', 'emulator', 'a/b')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('userId must not contain') });
    });
  });
}
