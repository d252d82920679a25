import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import nock from 'nock';
import { BackendError } from '../../../core/index.js';
import { HttpOrderApi } from '../../../dialogs/order-status/index.js';
import { rejectionOf } from '../../support/failures.js';
import { PROJECT_ROOT } from '../../support/test-bot.js';

/** Registers this file's tests; test/dialogs/dialog-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function orderStatusHttpOrderApiTests(): void {
  const API = 'https://shop.example.com/api';
  const api = new HttpOrderApi({ baseUrl: API, timeoutMs: 200, token: 'secret-token' });
  const fixture = async (name: string) =>
    JSON.parse(await readFile(path.join(PROJECT_ROOT, 'test/fixtures/backends', name), 'utf8')) as Record<string, unknown>;

  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  const failureOf = (promise: Promise<unknown>) => rejectionOf(promise, BackendError);

  describe('HttpOrderApi', () => {
    test('returns a found order with only the fields the bot may use', async () => {
      nock(API)
        .get('/orders/123456')
        .matchHeader('authorization', 'Bearer secret-token')
        .reply(200, await fixture('order-123456.json'));
      const order = await api.findOrder('123456');
      expect(order).toEqual({
        id: '123456',
        status: 'shipped',
        email: 'Aino.Virtanen@example.com',
        postalCode: '33100',
        carrier: 'Posti',
        trackingUrl: 'https://www.posti.fi/fi/seuranta#/lahetys/JJFI64123450000123456',
        expectedDelivery: '2026-11-25',
        // An API without the pickup fields still parses: the answer then points to the arrival notice.
        pickupPoint: null,
        pickupDeadline: null,
      });
      expect(JSON.stringify(order)).not.toMatch(/Hämeenkatu|129\.9|Aino Virtanen/);
    });

    test('returns undefined for an order that does not exist (404)', async () => {
      nock(API).get('/orders/999999').reply(404, { error: 'not found' });
      await expect(api.findOrder('999999')).resolves.toBeUndefined();
    });

    test('reports a 5xx as the API being unavailable, naming the status', async () => {
      nock(API).get('/orders/123456').reply(503, 'Service Unavailable');
      const error = await failureOf(api.findOrder('123456'));
      expect(error.failure).toBe('unavailable');
      expect(error.message).toBe('order API: GET https://shop.example.com/api/orders/123456 answered 503 Service Unavailable');
    });

    test('gives up after the timeout', async () => {
      nock(API)
        .get('/orders/123456')
        .delay(600)
        .reply(200, await fixture('order-123456.json'));
      // Had the client waited, the order would have arrived and no error been thrown.
      const error = await failureOf(api.findOrder('123456'));
      expect(error.failure).toBe('timeout');
      expect(error.message).toMatch(/did not answer within 200 ms/);
    });

    test('reports a body that is not JSON as invalid data', async () => {
      nock(API).get('/orders/123456').reply(200, '<html>Maintenance</html>', { 'content-type': 'text/html' });
      const error = await failureOf(api.findOrder('123456'));
      expect(error.failure).toBe('invalid_data');
      expect(error.message).toMatch(/not JSON/);
    });

    test('reports a body that breaks the schema as invalid data, naming the field and not the data', async () => {
      nock(API)
        .get('/orders/123456')
        .reply(200, { ...(await fixture('order-123456.json')), status: 'lost in space', expectedDelivery: 'soon' });
      const error = await failureOf(api.findOrder('123456'));
      expect(error.failure).toBe('invalid_data');
      expect(error.message).toMatch(/status must be one of received, processing/);
      expect(error.message).toMatch(/expectedDelivery must be a date/);
      expect(error.message).not.toMatch(/aino|virtanen/i);
    });

    test('refuses an answer about another order than the one asked', async () => {
      nock(API)
        .get('/orders/123457')
        .reply(200, await fixture('order-123456.json'));
      expect((await failureOf(api.findOrder('123457'))).failure).toBe('invalid_data');
    });

    test('reports a refused connection with its cause', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const { port } = closed.address() as AddressInfo;
      await new Promise((resolve) => closed.close(resolve));
      const local = new HttpOrderApi({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 1000 });
      nock.enableNetConnect('127.0.0.1');
      try {
        const error = await failureOf(local.findOrder('123456'));
        expect(error.failure).toBe('unavailable');
        expect(error.message).toMatch(/ECONNREFUSED/);
      } finally {
        nock.disableNetConnect();
      }
    });
  });
}
