import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startFakeChannel, type FakeChannel } from '../../support/fake-channel.js';
import { ANNA, startConsoleBot, VILI, type ConsoleBot, type TestAgent } from '../../support/console-bot.js';

/** Registers this file's tests; ./console-routes-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function caseHistoryApi(): void {
  const SANNA: TestAgent = { login: 'sanna', name: 'Sanna', language: 'fi', password: 'sannan-salasana-789', role: 'supervisor' };

  // Search, tags and the customer view over the real API. The server runs on a fixed day (Monday
  // 23.11.2026, 10:00 in Helsinki), so "today" in a date filter never crosses midnight during a run.
  const START = Date.parse('2026-11-23T08:00:00.000Z');
  // Set when the bot starts, not when the runner collects the tests: the files before this one take their time.
  let offset = 0;
  let bot: ConsoleBot;
  let fake: FakeChannel;
  let vili: string;
  let anna: string;
  let sanna: string;
  const ids = { router: '', billing: '', open: '' };

  async function openCase(conversationId: string, text = 'haluan puhua ihmisen kanssa'): Promise<string> {
    const activities = await bot.customerSays(text, { conversationId, serviceUrl: fake.serviceUrl });
    const caseId = activities.find((activity) => activity.name === 'handoff.initiate')?.value?.caseId;
    if (!caseId) throw new Error(`no case was opened: ${JSON.stringify(activities)}`);
    return caseId;
  }

  const search = (query: string, cookie = vili) => bot.call('GET', `/api/agent/search?${query}`, { cookie });
  const idsOf = (body: { results: { id: string }[] }) => body.results.map((hit) => hit.id);

  beforeAll(async () => {
    offset = START - Date.now();
    bot = await startConsoleBot({ agents: [VILI, ANNA, SANNA], now: () => new Date(Date.now() + offset) });
    fake = await startFakeChannel();
    [vili, anna, sanna] = [await bot.signIn(VILI), await bot.signIn(ANNA), await bot.signIn(SANNA)];

    // Vili's case: the customer's words about the router are only in the transcript.
    ids.router = await openCase('history-router');
    await bot.call('POST', `/api/agent/cases/${ids.router}/claim`, { cookie: vili });
    await bot.customerSays('reititin vilkkuu punaisena eikä netti toimi', { conversationId: 'history-router', serviceUrl: fake.serviceUrl });
    await bot.customerSays('henkilötunnukseni on 131052-308T jos tarvitsette', { conversationId: 'history-router', serviceUrl: fake.serviceUrl });
    await bot.call('POST', `/api/agent/cases/${ids.router}/tags`, { cookie: vili, body: { add: ['Reititin ', 'vika'] } });
    await bot.call('POST', `/api/agent/cases/${ids.router}/close`, { cookie: vili, body: { resolution: 'Ohjeistettu nollaamaan' } });
    await fake.waitFor((activity) => (activity.text ?? '').includes('1–5'));
    await bot.customerSays('5', { conversationId: 'history-router', serviceUrl: fake.serviceUrl });

    // Anna's case, closed; and a case still waiting in the queue.
    ids.billing = await openCase('history-billing');
    await bot.call('POST', `/api/agent/cases/${ids.billing}/claim`, { cookie: anna });
    await bot.call('POST', `/api/agent/cases/${ids.billing}/tags`, { cookie: anna, body: { add: ['vika'] } });
    await bot.call('POST', `/api/agent/cases/${ids.billing}/close`, { cookie: anna, body: { resolution: 'Lasku korjattu' } });
    ids.open = await openCase('history-open');
  }, 60_000);

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  describe('searching cases', () => {
    test('finds a closed case by a word the customer wrote in the transcript, with the words around it', async () => {
      const found = await search('text=VILKKUU%20punaisena');
      expect(found.status).toBe(200);
      expect(idsOf(found.body)).toEqual([ids.router]);
      expect(found.body.results[0]).toMatchObject({ status: 'closed', resolution: 'Ohjeistettu nollaamaan', tags: ['reititin', 'vika'], agent: 'vili' });
      expect(found.body.results[0].match).toContain('reititin vilkkuu punaisena');
      expect(found.body).toMatchObject({ nextOffset: null, partial: false });
    });

    test('personal data stays masked: the number the customer typed is not found, and the transcript shows it masked', async () => {
      expect(idsOf((await search('text=131052-308T')).body)).toEqual([]);
      const found = await search('text=henkilötunnukseni');
      expect(idsOf(found.body)).toEqual([ids.router]);
      expect(found.body.results[0].match).toContain('henkilötunnukseni on [HETU]');
      expect(JSON.stringify(found.body)).not.toContain('131052');
    });

    test('finds cases by tag, case id, reason, agent, customer and the day they opened', async () => {
      expect(idsOf((await search('tag=reititin')).body)).toEqual([ids.router]);
      expect(idsOf((await search(`caseId=${ids.router.toLowerCase()}`)).body)).toEqual([ids.router]);
      expect(idsOf((await search('reason=customer_request&status=closed', sanna)).body)).toEqual([ids.billing, ids.router]);
      expect(idsOf((await search('agent=anna', sanna)).body)).toEqual([ids.billing]);
      expect(idsOf((await search('customer=emulator%2Fuser-history-router')).body)).toEqual([ids.router]);
      expect(idsOf((await search('from=2026-11-23&to=2026-11-23&status=closed', sanna)).body)).toEqual([ids.billing, ids.router]);
      expect(idsOf((await search('from=2026-11-24')).body)).toEqual([]);
      expect(idsOf((await search('to=2026-11-22')).body)).toEqual([]);
    });

    test('an agent finds the open cases and the ended cases they worked on, not the rest; a supervisor finds all', async () => {
      expect(idsOf((await search('tag=vika', vili)).body)).toEqual([ids.router]);
      expect(idsOf((await search('tag=vika', anna)).body)).toEqual([ids.billing]);
      expect(idsOf((await search('status=waiting', anna)).body)).toEqual([ids.open]);
      expect(idsOf((await search('tag=vika', sanna)).body)).toEqual([ids.billing, ids.router]);
    });

    test('pages: limit and offset, with the next offset while more match', async () => {
      const first = await search('status=closed,waiting&limit=1', anna);
      expect(first.body).toMatchObject({ nextOffset: 1 });
      expect(idsOf(first.body)).toEqual([ids.open]);
      const second = await search('status=closed,waiting&limit=1&offset=1', anna);
      expect(idsOf(second.body)).toEqual([ids.billing]);
      expect(second.body.nextOffset).toBe(null);
    });

    test.each([
      ['from=2026-13-01', 'from', 'is not a real date'],
      ['from=23.11.2026', 'from', 'must be a date as YYYY-MM-DD'],
      ['from=2026-11-23&to=2026-11-20', 'to', 'must not be before from'],
      ['reason=angry', 'reason', 'must be one of upset, sensitive_topic, customer_request, low_confidence'],
      ['status=open', 'status', 'must be a comma-separated list of waiting, assigned, closed, abandoned'],
      ['tag=%3Cb%3E', 'tag', 'must be 1–40 letters, digits, spaces, "-" or "_"'],
      ['limit=0', 'limit', 'must be at least 1'],
      ['limit=51', 'limit', 'must be at most 50'],
      ['offset=1001', 'offset', 'must be at most 1000; narrow the search instead'],
      ['colour=red', 'colour', 'is not a search parameter (use text, customer, caseId, from, to, reason, tag, agent, status, limit, offset)'],
    ])('?%s gets 400 naming %s', async (query, field, message) => {
      const refused = await search(query);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('invalid_request');
      expect(refused.body.error.details).toEqual([{ field, message }]);
    });

    test('search, the customer view and the tags need a signed-in agent', async () => {
      for (const route of ['/api/agent/search?text=x', '/api/agent/customer?key=emulator%2Fx', '/api/agent/tags']) {
        expect((await bot.call('GET', route)).status).toBe(401);
      }
    });
  });

  describe('tags', () => {
    test('are normalised, shown in queue rows and suggested most used first', async () => {
      const tagged = await bot.call('POST', `/api/agent/cases/${ids.open}/tags`, { cookie: vili, body: { add: ['  Palautus   KESKEN', 'vika'] } });
      expect(tagged.status).toBe(200);
      expect(tagged.body.case.tags).toEqual(['palautus kesken', 'vika']);
      const queue = (await bot.call('GET', '/api/agent/cases', { cookie: vili })).body.queue;
      expect(queue.find((item: { id: string }) => item.id === ids.open).tags).toEqual(['palautus kesken', 'vika']);
      const removed = await bot.call('POST', `/api/agent/cases/${ids.open}/tags`, { cookie: vili, body: { remove: ['palautus kesken'] } });
      expect(removed.body.case.tags).toEqual(['vika']);
      expect((await bot.call('GET', '/api/agent/tags', { cookie: vili })).body.tags).toEqual([
        { tag: 'vika', count: 3 },
        { tag: 'reititin', count: 1 },
      ]);
    });

    test.each([
      [{ add: ['<script>'] }, 'add.0', 'must be 1–40 letters, digits, spaces, "-" or "_"'],
      [{ add: 'vika' }, 'add', 'must be a list of tags'],
      [{}, 'add', 'must name at least one tag to add or remove'],
      [{ remove: Array.from({ length: 21 }, (_, n) => `t${n}`) }, 'remove', 'must list at most 20 tags'],
    ])('a tag body %j gets 400 naming %s', async (body, field, message) => {
      const refused = await bot.call('POST', `/api/agent/cases/${ids.open}/tags`, { cookie: vili, body });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details).toEqual([{ field, message }]);
    });

    test('an ended case another agent worked on cannot be tagged (403), as it cannot be opened', async () => {
      const refused = await bot.call('POST', `/api/agent/cases/${ids.billing}/tags`, { cookie: vili, body: { add: ['x'] } });
      expect(refused.status).toBe(403);
    });
  });

  describe('the closed case and the customer', () => {
    test("a closed case carries the customer's rating, and the customer view lists their conversations and cases", async () => {
      const detail = await bot.call('GET', `/api/agent/cases/${ids.router}`, { cookie: vili });
      expect(detail.body.rating).toMatchObject({ score: 5, comment: null });
      const customer = await bot.call('GET', `/api/agent/customer?key=${encodeURIComponent(detail.body.case.customerKey)}`, { cookie: vili });
      expect(customer.status).toBe(200);
      expect(customer.body.cases.map((hit: { id: string }) => hit.id)).toEqual([ids.router]);
      expect(customer.body.conversations).toEqual([
        expect.objectContaining({ key: 'emulator/history-router', outcome: 'handed_off', rating: expect.objectContaining({ score: 5, caseId: ids.router }) }),
      ]);
      expect(customer.body.hiddenCases).toBe(0);
    });

    test('a customer view without a key gets 400 naming it', async () => {
      const refused = await bot.call('GET', '/api/agent/customer', { cookie: vili });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details[0].field).toBe('key');
    });

    test("a case gives the canned replies' variables: the agent's name and today's hours of the customer's channel", async () => {
      const detail = await bot.call('GET', `/api/agent/cases/${ids.open}`, { cookie: vili });
      expect(detail.body.cannedVariables).toEqual({ agent: 'Vili', openingHoursToday: 'Tänään 23.11. chat on auki 8–18.' });
      expect(detail.body.rating).toBe(null);
    });
  });

  // Last in the file: it adds a closed case the searches above do not expect.
  describe('who finds an ended case', () => {
    test('an agent who claimed a case and transferred it still opens and finds it after the other agent closed it', async () => {
      const caseId = await openCase('history-transferred');
      await bot.call('POST', `/api/agent/cases/${caseId}/claim`, { cookie: vili });
      await bot.call('POST', `/api/agent/cases/${caseId}/transfer`, { cookie: vili, body: { to: 'anna' } });
      await bot.call('POST', `/api/agent/cases/${caseId}/close`, { cookie: anna, body: { resolution: 'Anna hoiti' } });
      expect((await bot.call('GET', `/api/agent/cases/${caseId}`, { cookie: vili })).status).toBe(200);
      expect(idsOf((await search(`caseId=${caseId}`, vili)).body)).toEqual([caseId]);
    });
  });
}
