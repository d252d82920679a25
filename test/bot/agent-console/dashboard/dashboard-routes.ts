import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startConsoleBot, VILI, type ConsoleBot } from '../../../support/console-bot.js';
import { DASHBOARD_NOW, SAM, SANNA, seedDashboardRecords, type MovableClock } from '../../../support/dashboard-records.js';

/** Registers this file's tests; ../console-views-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function dashboardDashboardRoutes(): void {
  const clock: MovableClock = { at: DASHBOARD_NOW };
  let bot: ConsoleBot;
  let sanna: string;
  let sam: string;
  let vili: string;

  beforeAll(async () => {
    bot = await startConsoleBot({ agents: [VILI, SANNA, SAM], now: () => clock.at });
    await seedDashboardRecords(bot.app.desk, clock);
    // One conversation through the real endpoint (Wed 25.11. 12.00), so its transcript exists: the bot answers it alone.
    clock.at = new Date('2026-11-25T10:00:00Z');
    await bot.customerSays('mitkä on teidän aukioloajat', { conversationId: 'real-hours' });
    clock.at = DASHBOARD_NOW;
    [sanna, sam, vili] = await Promise.all([bot.signIn(SANNA), bot.signIn(SAM), bot.signIn(VILI)]);
  });
  afterAll(async () => bot?.stop());

  const PERIOD = 'from=2026-11-23&to=2026-11-24';
  const reasons = (counts: Partial<Record<string, number>>) => ({ upset: 0, sensitive_topic: 0, customer_request: 0, low_confidence: 0, ...counts });

  describe('the dashboard figures of a period, from a seeded set with known answers', () => {
    test('conversations and handoffs per day and per hour of the week, in the service time zone', async () => {
      const { status, body } = await bot.call('GET', `/api/studio/dashboard?${PERIOD}`, { cookie: sanna });
      expect(status).toBe(200);
      expect(body.period).toEqual({ from: '2026-11-23', to: '2026-11-24', timeZone: 'Europe/Helsinki' });
      expect(body.daily).toEqual([
        { date: '2026-11-23', conversations: 3, handoffs: 2 },
        { date: '2026-11-24', conversations: 2, handoffs: 1 },
      ]);
      expect(body.heatmap).toHaveLength(168);
      expect(body.heatmap.filter((cell: { conversations: number; handoffs: number }) => cell.conversations + cell.handoffs > 0)).toEqual([
        { weekday: 1, hour: 9, conversations: 2, handoffs: 1 },
        { weekday: 1, hour: 14, conversations: 1, handoffs: 1 },
        { weekday: 2, hour: 9, conversations: 1, handoffs: 1 },
        { weekday: 2, hour: 23, conversations: 1, handoffs: 0 },
      ]);
    });

    test('handoffs by reason, containment, first reply, ratings, abandoned and top intents', async () => {
      const { body } = await bot.call('GET', `/api/studio/dashboard?${PERIOD}`, { cookie: sanna });
      expect(body.handoffsByReason).toEqual({
        daily: [
          { date: '2026-11-23', reasons: reasons({ sensitive_topic: 1, customer_request: 1 }) },
          { date: '2026-11-24', reasons: reasons({ customer_request: 1 }) },
        ],
        total: reasons({ sensitive_topic: 1, customer_request: 2 }),
      });
      expect(body.outcomes).toEqual({ total: 5, contained: 2, handedOff: 2, abandoned: 1, containmentRate: 40, handoffRate: 40, abandonRate: 20 });
      expect(body.timeToFirstAgentReply).toEqual({
        medianSeconds: 510,
        p90Seconds: 900,
        samples: 2,
        buckets: [
          { bucket: 'under_1_min', cases: 0 },
          { bucket: '1_5_min', cases: 1 },
          { bucket: '5_15_min', cases: 0 },
          { bucket: '15_60_min', cases: 1 },
          { bucket: 'over_60_min', cases: 0 },
        ],
      });
      expect(body.ratings).toEqual({ count: 2, average: 3.5, distribution: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 1 } });
      expect(body.abandonedWhileQueued).toEqual({
        total: 1,
        rate: 33.3,
        daily: [
          { date: '2026-11-23', cases: 0 },
          { date: '2026-11-24', cases: 1 },
        ],
      });
      expect(body.topIntents).toEqual([
        { intent: 'human_agent', conversations: 2 },
        { intent: 'opening_hours', conversations: 2 },
        { intent: 'billing', conversations: 1 },
        { intent: 'greeting', conversations: 1 },
        { intent: 'help', conversations: 1 },
        { intent: 'outage', conversations: 1 },
      ]);
    });

    test('intent analytics: volume, containment, handoff and "didn\'t help" rates, rating of the conversations each started', async () => {
      const { body } = await bot.call('GET', `/api/studio/dashboard?${PERIOD}`, { cookie: sanna });
      const none = { count: 0, average: null };
      expect(body.intents).toEqual([
        {
          intent: 'human_agent',
          conversations: 2,
          started: 0,
          contained: 0,
          handedOff: 1,
          abandoned: 1,
          containmentRate: 0,
          handoffRate: 50,
          notHelpful: 0,
          notHelpfulRate: 0,
          ratings: none,
        },
        {
          intent: 'opening_hours',
          conversations: 2,
          started: 1,
          contained: 2,
          handedOff: 0,
          abandoned: 0,
          containmentRate: 100,
          handoffRate: 0,
          notHelpful: 1,
          notHelpfulRate: 50,
          ratings: none,
        },
        {
          intent: 'billing',
          conversations: 1,
          started: 1,
          contained: 0,
          handedOff: 1,
          abandoned: 0,
          containmentRate: 0,
          handoffRate: 100,
          notHelpful: 0,
          notHelpfulRate: 0,
          ratings: { count: 1, average: 5 },
        },
        {
          intent: 'greeting',
          conversations: 1,
          started: 1,
          contained: 1,
          handedOff: 0,
          abandoned: 0,
          containmentRate: 100,
          handoffRate: 0,
          notHelpful: 0,
          notHelpfulRate: 0,
          ratings: none,
        },
        {
          intent: 'help',
          conversations: 1,
          started: 1,
          contained: 0,
          handedOff: 1,
          abandoned: 0,
          containmentRate: 0,
          handoffRate: 100,
          notHelpful: 0,
          notHelpfulRate: 0,
          ratings: { count: 1, average: 2 },
        },
        {
          intent: 'outage',
          conversations: 1,
          started: 1,
          contained: 0,
          handedOff: 0,
          abandoned: 1,
          containmentRate: 0,
          handoffRate: 0,
          notHelpful: 0,
          notHelpfulRate: 0,
          ratings: none,
        },
      ]);
    });

    test('over a period that holds every record, the figures agree with GET /api/metrics', async () => {
      const [dashboard, metrics] = await Promise.all([
        bot.call('GET', '/api/studio/dashboard?from=2026-11-20&to=2026-11-25', { cookie: sanna }),
        bot.call('GET', '/api/metrics', { cookie: sanna }),
      ]);
      expect(metrics.status).toBe(200);
      expect(dashboard.body.outcomes).toEqual(metrics.body.conversations);
      expect(dashboard.body.outcomes).toEqual({
        total: 8,
        contained: 4,
        handedOff: 3,
        abandoned: 1,
        containmentRate: 50,
        handoffRate: 37.5,
        abandonRate: 12.5,
      });
      expect(dashboard.body.handoffsByReason.total).toEqual(metrics.body.handoffsByReason);
      expect(dashboard.body.timeToFirstAgentReply).toMatchObject(metrics.body.timeToFirstAgentReply);
      expect(dashboard.body.timeToFirstAgentReply).toMatchObject({ medianSeconds: 120, p90Seconds: 900, samples: 3 });
      expect(dashboard.body.ratings).toEqual(metrics.body.ratings);
    });

    test('without from and to: the last seven days, today included', async () => {
      const { body } = await bot.call('GET', '/api/studio/dashboard', { cookie: sanna });
      expect(body.period).toMatchObject({ from: '2026-11-21', to: '2026-11-27' });
      expect(body.outcomes.total).toBe(7);
    });
  });

  describe('CSV downloads', () => {
    test('in Finnish: a byte order mark, ";" between fields, decimal commas, CRLF, and a file name with the period', async () => {
      const response = await fetch(`${bot.url}/api/studio/dashboard/csv/outcomes?from=2026-11-20&to=2026-11-25`, { headers: { cookie: sanna } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="vastaa-outcomes-2026-11-20-2026-11-25.csv"');
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(
        '\uFEFFLopputulos;Keskustelut;Osuus (%)\r\nBotti hoiti;4;50\r\nSiirretty;3;37,5\r\nPeruttu;1;12,5\r\n',
      );
    });

    // fetch's text() drops the byte order mark; the bytes keep it.
    const csvOf = async (route: string, cookie: string) =>
      new TextDecoder('utf-8', { ignoreBOM: true }).decode(await (await fetch(`${bot.url}${route}`, { headers: { cookie } })).arrayBuffer());

    test('in English: "," between fields and decimal points; the daily and intent tables as they are in the page', async () => {
      const daily = await csvOf(`/api/studio/dashboard/csv/daily?${PERIOD}`, sam);
      expect(daily).toBe('\uFEFFDate,Conversations,Handoffs\r\n2026-11-23,3,2\r\n2026-11-24,2,1\r\n');
      const intents = await csvOf(`/api/studio/dashboard/csv/intents?${PERIOD}`, sam);
      const lines = intents.split('\r\n');
      expect(lines[0]).toBe(
        "\uFEFFIntent,Conversations,Started,Handled by bot,Handed off,Abandoned,Containment (%),Handoff rate (%),Didn't help,Didn't help (%),Ratings,Average rating",
      );
      expect(lines[2]).toBe('opening_hours,2,1,2,0,0,100,0,1,50,0,');
      expect(lines[3]).toBe('billing,1,1,0,1,0,0,100,0,0,1,5');
      const heatmap = await csvOf(`/api/studio/dashboard/csv/heatmap?${PERIOD}`, sam);
      expect(heatmap.split('\r\n')).toHaveLength(1 + 168 + 1);
      expect(heatmap).toContain('\r\nMon,9,2,1\r\n');
    });

    test('an unknown chart is a 400 naming the field', async () => {
      const { status, body } = await bot.call('GET', `/api/studio/dashboard/csv/pie?${PERIOD}`, { cookie: sanna });
      expect(status).toBe(400);
      expect(body.error.details).toEqual([{ field: 'chart', message: expect.stringContaining('must be one of daily, heatmap') }]);
    });
  });

  describe('the list behind a figure', () => {
    test('a heatmap cell lists its conversations, newest first, with links to their cases', async () => {
      const { status, body } = await bot.call('GET', `/api/studio/dashboard/items?${PERIOD}&drill=heatmap:conversations:1-09`, { cookie: sanna });
      expect(status).toBe(200);
      expect(body.items.map((item: { key: string }) => item.key)).toEqual(['webchat/B', 'webchat/A']);
      expect(body.items[0]).toMatchObject({
        kind: 'conversation',
        outcome: 'handed_off',
        answeredIntents: ['billing'],
        rating: 5,
        cases: [{ id: 'C-00002', href: '/agent#C-00002' }],
      });
      expect(body.items[1]).toMatchObject({ outcome: 'contained', notHelpfulIntents: ['opening_hours'], cases: [] });
    });

    test('a day of handoffs lists its cases with links to the console', async () => {
      const { body } = await bot.call('GET', `/api/studio/dashboard/items?${PERIOD}&drill=daily:handoffs:2026-11-23`, { cookie: sanna });
      expect(body.items.map((item: { id: string; href: string; reason: string }) => [item.id, item.href, item.reason])).toEqual([
        ['C-00003', '/agent#C-00003', 'customer_request'],
        ['C-00002', '/agent#C-00002', 'sensitive_topic'],
      ]);
    });

    test('each figure of the intent table and the page has its list; a point the chart does not have is a 404', async () => {
      const notHelpful = await bot.call('GET', `/api/studio/dashboard/items?${PERIOD}&drill=intents:opening_hours:not_helpful`, { cookie: sanna });
      expect(notHelpful.body.items.map((item: { key: string }) => item.key)).toEqual(['webchat/A']);
      const missing = await bot.call('GET', `/api/studio/dashboard/items?${PERIOD}&drill=daily:handoffs:2026-11-30`, { cookie: sanna });
      expect(missing.status).toBe(404);
    });
  });

  describe('a conversation without a case', () => {
    test('its drill-down row links to its transcript on the dashboard, which shows what the customer and the bot said', async () => {
      const { body } = await bot.call('GET', '/api/studio/dashboard/items?from=2026-11-25&to=2026-11-25&drill=outcomes:contained', { cookie: sanna });
      const row = body.items.find((item: { key: string }) => item.key === 'emulator/real-hours');
      expect(row).toMatchObject({ cases: [], answeredIntents: ['opening_hours'], transcriptHref: '/studio/dashboard/conversation?key=emulator%2Freal-hours' });
      const page = await fetch(`${bot.url}${row.transcriptHref}`, { headers: { cookie: sanna } });
      expect(page.status).toBe(200);
      const html = await page.text();
      // The transcript keeps the channel's own timestamps; the words are what matter here.
      expect(html).toMatch(
        /<li class="line customer"><span class="who">Asiakas<\/span> <time datetime="[^"]+">[^<]+<\/time><p>mitkä on teidän aukioloajat<\/p><\/li>/,
      );
      expect(html).toContain('<span class="who">Botti</span>');
    });

    test('a key the store does not know is a 400, so no transcript file is read for it', async () => {
      const { status, body } = await bot.call('GET', '/studio/dashboard/conversation?key=emulator%2F..%2Fagents', { cookie: sanna });
      expect(status).toBe(400);
      expect(body.error.details).toEqual([{ field: 'key', message: 'is not a known conversation' }]);
    });
  });

  describe('who may read it', () => {
    test('an agent is refused (403) and a stranger gets 401; the page shows a stranger the sign-in form', async () => {
      expect((await bot.call('GET', `/api/studio/dashboard?${PERIOD}`, { cookie: vili })).status).toBe(403);
      expect((await bot.call('GET', `/api/studio/dashboard/csv/daily?${PERIOD}`, { cookie: vili })).status).toBe(403);
      expect((await bot.call('GET', `/api/studio/dashboard?${PERIOD}`)).status).toBe(401);
      const page = await fetch(`${bot.url}/studio/dashboard`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('id="signin-form"');
      const refused = await fetch(`${bot.url}/studio/dashboard`, { headers: { cookie: vili } });
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('Tilannekuva on esihenkilöille.');
    });

    test('the console links to the dashboard for a supervisor only', async () => {
      const forSupervisor = await (await fetch(`${bot.url}/agent`, { headers: { cookie: sanna } })).text();
      expect(forSupervisor).toContain('"studio":{"href":"/studio/dashboard","title":"Palvelun tilannekuva"}');
      const forAgent = await (await fetch(`${bot.url}/agent`, { headers: { cookie: vili } })).text();
      expect(forAgent).toContain('"agent":{"login":"vili"');
      expect(forAgent).not.toContain('"studio"');
    });

    test.each([
      ['from=2026-11-31', 'from', 'is not a date in the calendar'],
      ['from=23.11.2026', 'from', 'must be a date as YYYY-MM-DD'],
      ['from=2026-11-25&to=2026-11-24', 'from', '(2026-11-25) is after to (2026-11-24)'],
      ['from=2024-01-01&to=2026-11-24', 'to', 'makes a period of 1059 days; ask for at most 366'],
      ['drill=pie:1', 'drill', 'must start with one of the charts: daily, heatmap, reasons, outcomes, first_reply, ratings, abandoned, top_intents, intents'],
    ])('%s is a 400 naming %s', async (query, field, message) => {
      const { status, body } = await bot.call('GET', `/api/studio/dashboard?${query}`, { cookie: sanna });
      expect(status).toBe(400);
      expect(body.error.details).toEqual([{ field, message }]);
    });
  });

  describe("the studio inbox's misunderstood questions on the dashboard", () => {
    test('lists the period’s groups of questions the bot did not understand, largest first, with the closest topics and a link to teach the bot', async () => {
      const missed = (text: string, at: string) =>
        bot.app.learningInbox.record({
          kind: 'not_understood',
          text,
          language: 'fi',
          at,
          conversationKey: `emulator/missed-${text.length}-${at}`,
          verdict: 'unfamiliar',
          score: 0.2,
          ranking: [{ intent: 'billing', score: 0.2 }],
        });
      missed('myyttekö lahjakortteja', '2026-11-23T08:00:00Z');
      missed('saako teiltä lahjakortin', '2026-11-24T08:00:00Z');
      missed('paljonko on postimaksu', '2026-11-24T09:00:00Z');
      // Outside the period (the day after, in Helsinki): not counted.
      missed('myyttekö lahjakortteja vielä', '2026-11-24T22:30:00Z');
      const page = await bot.call('GET', `/studio/dashboard?${PERIOD}`, { cookie: sanna });
      const panel = String(page.body).split('id="panel-clusters"')[1]!.split('</section>')[0]!;
      const rows = [...panel.matchAll(/<tr><th scope="row">(\d+)<\/th><td>([^<]*)<\/td><td>(\w+)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((row) => row.slice(1));
      expect(rows).toEqual([
        ['2', 'saako teiltä lahjakortin', 'fi', 'Laskutus'],
        ['1', 'paljonko on postimaksu', 'fi', 'Laskutus'],
      ]);
      expect(panel).toContain('href="/studio"');
    });
  });
}
