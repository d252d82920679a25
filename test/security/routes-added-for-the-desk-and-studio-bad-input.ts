import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startConsoleBot, type ConsoleBot } from '../support/console-bot.js';
import type { TestAgent } from '../support/vastaa.js';

/** Registers this finding's tests; ./findings-m4-and-later.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function routesAddedForTheDeskAndStudioBadInput(): void {
  // The routes added with the agent desk, the studio and the dashboard (routing, tags, search, typing,
  // the learning inbox, try-it, the dashboard) face the same strangers as the older ones: a body that is
  // not JSON, too big or broken, a path-like case id and a bad query get a 4xx in our error shape that
  // names the problem, never a 500, and nothing is stored.

  const ADMIN: TestAgent = { login: 'aada', name: 'Aada', language: 'fi', password: 'aadan-salasana-789', role: 'admin' };
  let bot: ConsoleBot;
  let cookie: string;

  beforeAll(async () => {
    bot = await startConsoleBot({ agents: [ADMIN] });
    cookie = await bot.signIn(ADMIN);
  });
  afterAll(async () => bot?.stop());

  /** A POST from the console's own page (the same-origin guard lets it through) with a raw body. */
  function post(path: string, body: string | Uint8Array, contentType: string) {
    return fetch(`${bot.url}${path}`, { method: 'POST', headers: { cookie, origin: bot.url, 'content-type': contentType }, body });
  }

  const POST_ROUTES = [
    '/api/agent/presence',
    '/api/agent/cases/C-00001/tags',
    '/api/agent/cases/C-00001/typing',
    '/api/agent/cases/C-00001/reassign',
    '/api/studio/inbox/add-example',
    '/api/studio/inbox/out-of-scope',
    '/api/studio/inbox/ignore',
    '/api/studio/try',
    '/api/studio/try/batch',
  ];

  describe('bodies of the routes added for the desk and the studio', () => {
    test.each(POST_ROUTES)('%s refuses a body that is not JSON with 415 before reading it', async (path) => {
      const response = await post(path, 'text=hello', 'application/x-www-form-urlencoded');
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    });

    test.each(POST_ROUTES)('%s refuses a body over MAX_BODY_BYTES with 413', async (path) => {
      const response = await post(path, JSON.stringify({ text: 'x'.repeat(300_000) }), 'application/json');
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    });

    test.each(POST_ROUTES)('%s refuses broken JSON with 400', async (path) => {
      const response = await post(path, '{"text": "unterminated', 'application/json');
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    });

    test('a try-it text over its limit gets 400 naming the field, and nothing reaches the learning inbox', async () => {
      const response = await post('/api/studio/try', JSON.stringify({ text: 'x'.repeat(501) }), 'application/json');
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toContain('text');
      expect(await bot.app.learningInbox.list()).toEqual([]);
    });
  });

  describe('ids and queries of the routes added for the desk and the studio', () => {
    test.each([
      ['..%2F..%2Fetc', 'tags'],
      ['C-00001%00', 'typing'],
      ['..', 'reassign'],
    ])('a path-like case id (%s) on /%s is refused with a 4xx, never looked up as a file or stored', async (id, action) => {
      const response = await post(`/api/agent/cases/${id}/${action}`, JSON.stringify({ add: ['x'], to: null }), 'application/json');
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    });

    test.each([
      ['/api/agent/search?from=yesterday', 'from'],
      ['/api/agent/search?limit=100000', 'limit'],
      ['/api/agent/search?status=deleted', 'status'],
      ['/api/studio/dashboard?from=2026-13-45&to=2026-11-30', 'from'],
      ['/api/studio/dashboard/items?drill=..%2F..%2Fetc', 'drill'],
      ['/api/studio/inbox?language=sv', 'language'],
    ])('%s gets 400 naming %s', async (path, field) => {
      const response = await fetch(`${bot.url}${path}`, { headers: { cookie } });
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toContain(field);
    });

    test('the customer view refuses a customer key whose user id is path-like with 400 naming the key', async () => {
      const response = await fetch(`${bot.url}/api/agent/customer?key=${encodeURIComponent('../../etc/passwd')}`, { headers: { cookie } });
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toContain('key');
    });
  });
}
