import path from 'node:path';
import nock from 'nock';
import { BackendError } from '../../../core/index.js';
import { FileOutageFeed, HttpOutageFeed } from '../../../dialogs/outage/index.js';
import { rejectionOf } from '../../support/failures.js';
import { PROJECT_ROOT } from '../../support/test-bot.js';

/** Registers this file's tests; test/dialogs/dialog-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function outageOutageFeedTests(): void {
  const FEED = 'https://status.example.com/outages.json';

  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  const failureOf = (promise: Promise<unknown>) => rejectionOf(promise, BackendError);

  const outage = {
    id: 'EL-1',
    service: 'electricity',
    status: 'repairing',
    areas: ['Tampere'],
    postalCodes: ['33100'],
    start: '2026-11-23T07:40:00+02:00',
    estimatedEnd: '2026-11-23T14:00:00+02:00',
    updatesUrl: 'https://status.example.com/EL-1',
  };

  describe('HttpOutageFeed', () => {
    test('reads the outages with their times as instants', async () => {
      nock('https://status.example.com')
        .get('/outages.json')
        .reply(200, { outages: [outage] });
      const [read] = await new HttpOutageFeed(FEED, 500).outages();
      expect(read).toMatchObject({ id: 'EL-1', areas: ['Tampere'], postalCodes: ['33100'] });
      expect(read!.start.toISOString()).toBe('2026-11-23T05:40:00.000Z');
      expect(read!.estimatedEnd?.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    });

    test('takes a missing estimate and missing postal codes as none', async () => {
      const { postalCodes: _, estimatedEnd: __, ...bare } = outage;
      nock('https://status.example.com')
        .get('/outages.json')
        .reply(200, { outages: [bare] });
      const [read] = await new HttpOutageFeed(FEED, 500).outages();
      expect(read).toMatchObject({ postalCodes: [], estimatedEnd: null });
    });

    test('reports a feed that answers 500 as unavailable', async () => {
      nock('https://status.example.com').get('/outages.json').reply(500);
      expect((await failureOf(new HttpOutageFeed(FEED, 500).outages())).failure).toBe('unavailable');
    });

    test('gives up after the configured timeout', async () => {
      nock('https://status.example.com').get('/outages.json').delay(400).reply(200, { outages: [] });
      const error = await failureOf(new HttpOutageFeed(FEED, 100).outages());
      expect(error.failure).toBe('timeout');
      expect(error.message).toBe('outage feed: GET https://status.example.com/outages.json did not answer within 100 ms');
    });

    test('names the failing fields of a feed that breaks the schema', async () => {
      nock('https://status.example.com')
        .get('/outages.json')
        .reply(200, { outages: [{ ...outage, start: 'this morning', service: 'gas' }] });
      const error = await failureOf(new HttpOutageFeed(FEED, 500).outages());
      expect(error.failure).toBe('invalid_data');
      expect(error.message).toMatch(/outages\[0\]\.service must be one of electricity, internet, mobile, tv/);
      expect(error.message).toMatch(/outages\[0\]\.start must be an ISO 8601 date-time/);
    });
  });

  describe('FileOutageFeed', () => {
    test('reads the shipped demo feed', async () => {
      const outages = await new FileOutageFeed(path.join(PROJECT_ROOT, 'demo/outages.json')).outages();
      expect(outages.map((read) => read.service)).toEqual(expect.arrayContaining(['electricity', 'internet', 'mobile']));
    });

    test('names the file and every failing field of a broken file', async () => {
      const file = path.join(PROJECT_ROOT, 'test/fixtures/backends/outages-broken.json');
      const error = await failureOf(new FileOutageFeed(file).outages());
      expect(error.failure).toBe('invalid_data');
      expect(error.message).toBe(
        `outage feed: ${file}: outages[0].start must be an ISO 8601 date-time with a time zone, such as 2026-11-23T07:40:00+02:00; ` +
          'outages[1].service must be one of electricity, internet, mobile, tv; outages[1].areas must name at least one area; ' +
          'outages[1].updatesUrl must be an http(s) address',
      );
    });

    test('reports a missing file as unavailable', async () => {
      const error = await failureOf(new FileOutageFeed('/nonexistent/outages.json').outages());
      expect(error.failure).toBe('unavailable');
      expect(error.message).toMatch(/cannot read \/nonexistent\/outages\.json/);
    });
  });
}
