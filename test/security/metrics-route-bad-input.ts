import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startTestBot, type TestBot } from '../support/test-bot.js';

/** Registers this finding's tests; ./findings-m4-and-later.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function metricsRouteBadInput(): void {
  // GET /metrics (Prometheus, added after the review) faces the same strangers as every other route.
  const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: { METRICS_TOKEN } });
  });
  afterAll(async () => bot.stop());

  describe('the Prometheus route against strangers', () => {
    test.each([
      ['no token', {}],
      ['a wrong token', { authorization: 'Bearer not-the-metrics-token-at-all' }],
      ['the token in another scheme', { authorization: `Basic ${METRICS_TOKEN}` }],
      ['the token with a prefix', { authorization: `Bearer x${METRICS_TOKEN}` }],
    ])('refuses a scrape with %s with 401 in our error shape and no metric in the body', async (_what, headers) => {
      const response = await fetch(`${bot.url}/metrics`, { headers });
      expect(response.status).toBe(401);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      expect(text).not.toContain('vastaa_');
    });

    test('a body posted to it is refused before it is read: only GET exists, and only JSON is ever read', async () => {
      const form = new FormData();
      form.set('file', new Blob(['x'.repeat(100_000)]), 'big.bin');
      const response = await fetch(`${bot.url}/metrics`, { method: 'POST', headers: { authorization: `Bearer ${METRICS_TOKEN}` }, body: form });
      expect([405, 415]).toContain(response.status);
      expect(await response.json()).toMatchObject({ error: { code: expect.stringMatching(/^(method_not_allowed|unsupported_media_type)$/) } });
    });

    test('the right token gets the metrics', async () => {
      const response = await fetch(`${bot.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('vastaa_customer_turns_total');
    });
  });
}
