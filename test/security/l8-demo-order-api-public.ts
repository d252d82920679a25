import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, readConfig } from '../../bot/config.js';
import { mockExternalApis } from '../support/external-apis.js';
import { PROJECT_ROOT, startTestBot, type TestBot } from '../support/test-bot.js';
import { nodeArgsFor } from '../support/compiled-project.js';

/** Registers this finding's tests; ./findings-l8-to-m3.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function l8DemoOrderApiPublic(): void {
  /** What the demo orders hold and the public must never get: names, street addresses, emails, items. */
  const PERSONAL = /Aino|Virtanen|Hämeenkatu|aino\.virtanen@example\.com|reititin/;
  const BACKENDS = { ORDER_API_URL: 'https://shop.example.com/api', OUTAGE_API_URL: 'https://status.example.com/outages.json' };

  mockExternalApis();

  describe('L8: the demo order API and demo outage file are not public and are off in production', () => {
    describe('in development (DEMO on by default)', () => {
      let bot: TestBot;
      beforeAll(async () => {
        bot = await startTestBot({ now: () => new Date('2026-11-23T08:00:00Z') });
      });
      afterAll(async () => bot.stop());

      test("GET /demo/order-api/orders/123456 from anyone but the bot itself is refused, without the order's personal data", async () => {
        const response = await fetch(`${bot.url}/demo/order-api/orders/123456`);
        const body = await response.text();
        expect(response.status).toBe(403);
        expect(JSON.parse(body)).toEqual({ error: { code: 'demo_bot_only', message: expect.stringMatching(/ORDER_API_URL/) } });
        expect(body).not.toMatch(PERSONAL);
      });

      test('a request relayed by a proxy on the same host (X-Forwarded-For) or with a guessed key is refused too', async () => {
        const relayed: Record<string, string>[] = [{ 'x-forwarded-for': '203.0.113.7' }, { forwarded: 'for=203.0.113.7' }, { authorization: 'Bearer guess' }];
        for (const headers of relayed) {
          const response = await fetch(`${bot.url}/demo/order-api/orders/123456`, { headers });
          expect({ headers, status: response.status }).toEqual({ headers, status: 403 });
          expect(await response.text()).not.toMatch(PERSONAL);
        }
      });

      test('the bot itself still reads the demo orders, and start-up warned that the demo is on', async () => {
        const conversationId = 'l8-demo';
        await bot.say('where is order 123456', { conversationId, from: { id: 'l8-aino' } });
        expect(await bot.say('33100', { conversationId, from: { id: 'l8-aino' } })).toEqual([expect.stringMatching(/^Your order 123456 is on its way\./)]);
        expect(bot.logs.filter((line) => line.includes(' WARN ') && line.includes('DEMO is on'))).toHaveLength(1);
      });
    });

    test('NODE_ENV=production without DEMO=true refuses the configuration, naming the backends to set', () => {
      let error: unknown;
      try {
        readConfig({ NODE_ENV: 'production' });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'ORDER_API_URL is required when NODE_ENV is production and DEMO is not true: set your order API, or DEMO=true to run on the demo orders',
        'OUTAGE_API_URL (or OUTAGE_FILE) is required when NODE_ENV is production and DEMO is not true: set your outage feed, or DEMO=true to run on demo/outages.json',
      ]);
      expect(() => readConfig({ DEMO: 'false' })).toThrow(/ORDER_API_URL is required when DEMO is false/);
      expect(readConfig({ NODE_ENV: 'production', ...BACKENDS }).DEMO).toBe(false);
      expect(readConfig({ NODE_ENV: 'production', DEMO: 'true' }).DEMO).toBe(true);
      expect(readConfig({}).DEMO).toBe(true);
    });

    test('the real start-up with NODE_ENV=production and no backends exits with that message before listening', async () => {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vastaa-l8-'));
      try {
        const child = spawn(process.execPath, nodeArgsFor('bot/index.ts'), {
          cwd: PROJECT_ROOT,
          env: { PATH: process.env.PATH, NODE_ENV: 'production', DATA_DIR: dataDir, PORT: '0', CONTENT_RELOAD: 'off' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        const collect = (chunk: Buffer) => {
          output += chunk.toString();
          // A bot that starts anyway is stopped here, so the test fails on the assertions, not on a timeout.
          if (/is listening on/.test(output)) child.kill();
        };
        child.stdout.on('data', collect);
        child.stderr.on('data', collect);
        const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
        expect(code).toBe(1);
        expect(output).toMatch(/Vastaa cannot start: configuration is invalid:\nORDER_API_URL is required when NODE_ENV is production/);
        expect(output).not.toMatch(/listening/);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    });

    test('in production with its backends the demo order API is not served at all and nothing warns about a demo', async () => {
      const bot = await startTestBot({ env: { NODE_ENV: 'production', ...BACKENDS } });
      try {
        const response = await fetch(`${bot.url}/demo/order-api/orders/123456`);
        expect(response.status).toBe(404);
        expect(await response.text()).not.toMatch(PERSONAL);
        expect(bot.logs.filter((line) => line.includes('DEMO is on'))).toEqual([]);
      } finally {
        await bot.stop();
      }
    });

    test('DEMO=true in production starts on the demo backends, with the warning', async () => {
      const bot = await startTestBot({ env: { NODE_ENV: 'production', DEMO: 'true' } });
      try {
        expect(bot.logs.filter((line) => line.includes(' WARN ') && line.includes('DEMO is on'))).toHaveLength(1);
        expect((await fetch(`${bot.url}/demo/order-api/orders/123456`)).status).toBe(403);
      } finally {
        await bot.stop();
      }
    });
  });
}
