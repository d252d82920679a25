import { afterEach, describe, expect, test } from '@jest/globals';
import { MemoryStorage, type StoreItems } from 'botbuilder';
import { PrometheusMetrics } from '../../../bot/operations/prometheus-metrics.js';
import type { CaseReports } from '../../../handoff/index.js';
import { fsError } from '../../support/journal-faults.js';
import { startTestBot, type TestBot } from '../../support/test-bot.js';

/** Registers this file's tests; ../app-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function operationsPrometheusMetrics(): void {
  const METRICS_TOKEN = 'metrics-token-0123456789';
  const running: TestBot[] = [];
  afterEach(async () => {
    for (const bot of running.splice(0)) await bot.stop();
  });

  async function bot(options: Parameters<typeof startTestBot>[0] = {}): Promise<TestBot> {
    const started = await startTestBot({ ...options, env: { METRICS_TOKEN, ...options.env } });
    running.push(started);
    return started;
  }

  async function scrape(target: TestBot): Promise<{ status: number; contentType: string | null; text: string }> {
    const response = await fetch(`${target.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
  }

  /** The value of one sample, e.g. `valueOf(text, 'vastaa_handoffs_total{reason="upset"}')`; undefined when it is missing. */
  function valueOf(text: string, series: string): number | undefined {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  }

  const customer =
    (target: TestBot, id: string, locale = 'fi-FI') =>
    (text: string) =>
      target.send(text, { conversationId: id, from: { id: `user-${id}` }, locale });

  describe('GET /metrics', () => {
    test('refuses a scrape without the metrics token, or with a wrong one, in the API error shape', async () => {
      const target = await bot();
      const without = await fetch(`${target.url}/metrics`);
      expect(without.status).toBe(401);
      expect(without.headers.get('www-authenticate')).toBe('Bearer');
      expect(await without.json()).toEqual({ error: { code: 'unauthorised', message: 'send Authorization: Bearer <token> with a valid token' } });
      expect((await fetch(`${target.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    });

    test('is off while METRICS_TOKEN is unset, and says which variable turns it on', async () => {
      const target = await startTestBot();
      running.push(target);
      const response = await fetch(`${target.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain('METRICS_TOKEN');
    });

    test('after an FAQ answer and a handoff, counts the turns by channel, the verdicts by language and the handoff by reason', async () => {
      const target = await bot();
      await customer(target, 'faq')('mitkä ovat aukioloaikanne?');
      await customer(target, 'person', 'en-US')('I want to talk to a person');

      const { status, contentType, text } = await scrape(target);
      expect(status).toBe(200);
      expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(valueOf(text, 'vastaa_customer_turns_total{channel="emulator"}')).toBe(2);
      expect(valueOf(text, 'vastaa_turn_duration_seconds_count{channel="emulator"}')).toBe(2);
      expect(valueOf(text, 'vastaa_turn_duration_seconds_bucket{le="+Inf",channel="emulator"}')).toBe(2);
      expect(valueOf(text, 'vastaa_nlu_verdicts_total{verdict="confident",language="fi"}')).toBe(1);
      expect(valueOf(text, 'vastaa_nlu_verdicts_total{verdict="confident",language="en"}')).toBe(1);
      expect(valueOf(text, 'vastaa_nlu_verdicts_total{verdict="unfamiliar",language="fi"}')).toBe(0);
      expect(valueOf(text, 'vastaa_handoffs_total{reason="customer_request"}')).toBe(1);
      expect(valueOf(text, 'vastaa_handoffs_total{reason="upset"}')).toBe(0);
      expect(text).toContain('# TYPE vastaa_turn_duration_seconds histogram');
    });

    test('the queue length is the number of cases waiting at the moment of the scrape', async () => {
      const target = await bot();
      expect(valueOf((await scrape(target)).text, 'vastaa_queue_length')).toBe(0);
      const waiting = customer(target, 'waiting');
      await waiting('haluan puhua ihmisen kanssa');
      expect(valueOf((await scrape(target)).text, 'vastaa_queue_length')).toBe(1);
      await waiting('peru');
      expect(valueOf((await scrape(target)).text, 'vastaa_queue_length')).toBe(0);
    });

    test('counts every failed write of a store by its name', async () => {
      const failing = new MemoryStorage();
      failing.write = async (_changes: StoreItems) => {
        throw fsError('ENOSPC');
      };
      const target = await bot({ overrides: { storage: failing } });
      await customer(target, 'full-disk')('mitkä ovat aukioloaikanne?');
      await customer(target, 'full-disk')('mitkä ovat aukioloaikanne?');
      expect(valueOf((await scrape(target)).text, 'vastaa_store_write_errors_total{store="bot state"}')).toBe(2);
    });

    test("keeps two apps' numbers apart in one process, and adds Node's process metrics to each", async () => {
      const first = await bot();
      const second = await bot();
      await customer(first, 'one')('mitkä ovat aukioloaikanne?');
      const [ofFirst, ofSecond] = [(await scrape(first)).text, (await scrape(second)).text];
      expect(valueOf(ofFirst, 'vastaa_customer_turns_total{channel="emulator"}')).toBe(1);
      expect(valueOf(ofSecond, 'vastaa_customer_turns_total{channel="emulator"}')).toBeUndefined();
      for (const text of [ofFirst, ofSecond]) {
        expect(valueOf(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
        expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
      }
    });
  });

  describe('PrometheusMetrics', () => {
    test('gives the first 20 channel ids a label each and counts later ones as "other", so made-up ids cannot grow the scrape', async () => {
      const metrics = new PrometheusMetrics(() => ({ allRecords: async () => ({ cases: [], conversations: [] }) }) as unknown as CaseReports);
      for (let n = 1; n <= 22; n++) metrics.turnTaken(`channel-${n}`, 0.01);
      metrics.turnTaken('channel-1', 0.01);
      const text = await metrics.scrape();
      expect(valueOf(text, 'vastaa_customer_turns_total{channel="channel-1"}')).toBe(2);
      expect(valueOf(text, 'vastaa_customer_turns_total{channel="channel-20"}')).toBe(1);
      expect(valueOf(text, 'vastaa_customer_turns_total{channel="channel-21"}')).toBeUndefined();
      expect(valueOf(text, 'vastaa_customer_turns_total{channel="other"}')).toBe(2);
    });
  });
}
