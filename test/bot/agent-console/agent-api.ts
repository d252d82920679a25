import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { startFakeChannel, type FakeChannel } from '../../support/fake-channel.js';
import { ANNA, startConsoleBot, VILI, type ConsoleBot } from '../../support/console-bot.js';

/** Registers this file's tests; ./console-routes-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function agentApi(): void {
  const running: { stop(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const item of running.splice(0)) await item.stop();
  });

  /**
   * One app for the tests that touch only their own conversation and case. Tests that count the whole
   * queue, list an agent's cases or slow a login down start their own (consoleBot).
   */
  let shared: ConsoleBot;
  beforeAll(async () => {
    shared = await startConsoleBot();
  });
  afterAll(async () => shared.stop());

  async function consoleBot(env: Record<string, string> = {}): Promise<ConsoleBot> {
    const bot = await startConsoleBot({ env });
    running.push(bot);
    return bot;
  }

  async function fakeChannel(): Promise<FakeChannel> {
    const fake = await startFakeChannel();
    running.push({ stop: () => fake.close() });
    return fake;
  }

  /** A customer asks for a person; returns the case id. */
  async function openCase(bot: ConsoleBot, conversationId: string, serviceUrl?: string): Promise<string> {
    const activities = await bot.customerSays('haluan puhua ihmisen kanssa', { conversationId, ...(serviceUrl ? { serviceUrl } : {}) });
    const caseId = activities.find((activity) => activity.name === 'handoff.initiate')?.value?.caseId;
    if (!caseId) throw new Error(`no case was opened: ${JSON.stringify(activities)}`);
    return caseId;
  }

  describe('signing in', () => {
    test('a right password gives an HTTP-only, SameSite=Strict session cookie; signing out ends the session', async () => {
      const bot = await consoleBot();
      const response = await bot.call('POST', '/api/agent/sign-in', { body: { login: 'vili', password: VILI.password } });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ agent: { login: 'vili', name: 'Vili', language: 'fi' } });
      const cookie = response.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^vastaa_agent=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
      const session = cookie.split(';')[0]!;

      expect((await bot.call('GET', '/api/agent/me', { cookie: session })).body.agent.login).toBe('vili');
      const signedOut = await bot.call('POST', '/api/agent/sign-out', { cookie: session });
      expect(signedOut.status).toBe(204);
      expect(signedOut.headers.get('set-cookie')).toMatch(/^vastaa_agent=; .*Max-Age=0/);
      expect((await bot.call('GET', '/api/agent/me', { cookie: session })).status).toBe(401);
    });

    test('a wrong password or unknown login gets 401 without telling which', async () => {
      const bot = await consoleBot();
      const wrong = await bot.call('POST', '/api/agent/sign-in', { body: { login: 'vili', password: 'not-the-password' } });
      const unknown = await bot.call('POST', '/api/agent/sign-in', { body: { login: 'nobody', password: 'whatever-password' } });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.headers.get('set-cookie')).toBeNull();
    });

    test('after five wrong passwords the login must wait a few seconds before the next try, while other logins still work', async () => {
      const bot = await consoleBot();
      for (let attempt = 0; attempt < 5; attempt++) {
        expect((await bot.call('POST', '/api/agent/sign-in', { body: { login: 'vili', password: `guess-${attempt}-xxxxx` } })).status).toBe(401);
      }
      const refused = await bot.call('POST', '/api/agent/sign-in', { body: { login: 'vili', password: VILI.password } });
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('too_many_attempts');
      expect(Number(refused.headers.get('retry-after'))).toBe(2);
      expect((await bot.call('POST', '/api/agent/sign-in', { body: { login: 'anna', password: ANNA.password } })).status).toBe(200);
    });

    test('a sign-in body without a password gets 400 naming the field', async () => {
      const bot = await consoleBot();
      const response = await bot.call('POST', '/api/agent/sign-in', { body: { login: 'vili' } });
      expect(response.status).toBe(400);
      expect(response.body.error.details).toEqual([{ field: 'password', message: 'is required' }]);
    });

    test('an integration acts as an agent with AGENT_API_TOKEN and X-Agent-Login; a wrong token or unknown agent gets 401', async () => {
      const token = 'integration-token-0123456789';
      const bot = await consoleBot({ AGENT_API_TOKEN: token });
      const caseId = await openCase(bot, 'api-token');
      const claimed = await bot.call('POST', `/api/agent/cases/${caseId}/claim`, { headers: { authorization: `Bearer ${token}`, 'x-agent-login': 'anna' } });
      expect(claimed.status).toBe(200);
      expect(claimed.body.case).toMatchObject({ status: 'assigned', agent: 'anna' });
      expect((await bot.call('GET', '/api/agent/cases', { headers: { authorization: 'Bearer wrong-token-0123456789', 'x-agent-login': 'anna' } })).status).toBe(
        401,
      );
      expect((await bot.call('GET', '/api/agent/cases', { headers: { authorization: `Bearer ${token}`, 'x-agent-login': 'nobody' } })).status).toBe(401);
    });
  });

  const UNAUTHENTICATED_ROUTES = [
    ['GET', '/api/agent/me'],
    ['GET', '/api/agent/cases'],
    ['GET', '/api/agent/cases/C-00001'],
    ['POST', '/api/agent/cases/C-00001/claim'],
    ['POST', '/api/agent/cases/C-00001/reply'],
    ['POST', '/api/agent/cases/C-00001/notes'],
    ['POST', '/api/agent/cases/C-00001/release'],
    ['POST', '/api/agent/cases/C-00001/transfer'],
    ['POST', '/api/agent/cases/C-00001/close'],
    ['GET', '/api/agent/canned-replies'],
    ['GET', '/api/agent/metrics'],
    ['GET', '/api/agent/events'],
    ['GET', '/api/agent/presence'],
    ['POST', '/api/agent/presence'],
    ['GET', '/api/agent/team'],
    ['POST', '/api/agent/cases/C-00001/reassign'],
    ['GET', '/agent/console.js'],
    ['GET', '/agent/console-routing.js'],
  ] as const;

  describe('nothing without signing in', () => {
    test('every route of the console answers 401 without a session', async () => {
      const bot = shared;
      for (const [method, route] of UNAUTHENTICATED_ROUTES) {
        const response = await bot.call(method, route, method === 'POST' ? { body: {} } : {});
        expect([method, route, response.status, response.body.error.code]).toEqual([method, route, 401, 'unauthorised']);
      }
    });

    test('/agent shows only the sign-in form until the agent signs in, then the console in their language', async () => {
      const bot = shared;
      const anonymous = await bot.call('GET', '/agent', { headers: { 'accept-language': 'en-GB,en;q=0.8' } });
      expect(anonymous.status).toBe(200);
      expect(anonymous.body).toContain('signin.js');
      expect(anonymous.body).not.toContain('console.js');
      expect(anonymous.headers.get('content-security-policy')).toContain("script-src 'self'");
      const cookie = await bot.signIn(VILI);
      const signedIn = await bot.call('GET', '/agent', { cookie });
      expect(signedIn.body).toContain('console.js');
      expect(signedIn.body).toContain('<html lang="fi">');
      expect(signedIn.body).toContain('Asiakaspalvelijan näkymä');
    });
  });

  describe('working a case', () => {
    test('the queue lists a new case with reason, language, channel and first line; reading it gives the summary and transcript', async () => {
      const bot = await consoleBot();
      const caseId = await openCase(bot, 'read-me');
      const cookie = await bot.signIn(VILI);
      const cases = await bot.call('GET', '/api/agent/cases', { cookie });
      expect(cases.body.queue).toEqual([
        expect.objectContaining({
          id: caseId,
          status: 'waiting',
          reason: 'customer_request',
          language: 'fi',
          channelId: 'emulator',
          firstLine: 'haluan puhua ihmisen kanssa',
        }),
      ]);
      expect(cases.body.mine).toEqual([]);
      const detail = await bot.call('GET', `/api/agent/cases/${caseId}`, { cookie });
      expect(detail.status).toBe(200);
      expect(detail.body.case).toMatchObject({ id: caseId, reason: 'customer_request', summary: { firstMessage: 'haluan puhua ihmisen kanssa' } });
      expect(detail.body.case.reference).toBeUndefined();
      expect(detail.body.transcript[0]).toMatchObject({ from: 'customer', text: 'haluan puhua ihmisen kanssa' });
      expect(detail.body.transcript.some((line: { from: string }) => line.from === 'bot')).toBe(true);
    });

    test('claim, reply, note, transfer and close: the reply reaches the customer signed, closing asks for a rating', async () => {
      const bot = await consoleBot();
      const fake = await fakeChannel();
      const caseId = await openCase(bot, 'work-it', fake.serviceUrl);
      const vili = await bot.signIn(VILI);
      const anna = await bot.signIn(ANNA);

      expect((await bot.call('POST', `/api/agent/cases/${caseId}/claim`, { cookie: vili })).body.case).toMatchObject({ status: 'assigned', agent: 'vili' });
      expect((await bot.call('GET', '/api/agent/cases', { cookie: vili })).body.mine.map((item: { id: string }) => item.id)).toEqual([caseId]);
      expect((await bot.call('POST', `/api/agent/cases/${caseId}/reply`, { cookie: vili, body: { text: 'Hei, katson asiaa.' } })).status).toBe(200);
      const delivered = await fake.waitFor((activity) => activity.text === 'Hei, katson asiaa.\n\n– Vili');
      expect(delivered.from.name).toBe('Vili');

      const noted = await bot.call('POST', `/api/agent/cases/${caseId}/notes`, { cookie: vili, body: { text: 'Asiakas odottaa soittoa.' } });
      expect(noted.body.case.notes).toEqual([expect.objectContaining({ agent: 'vili', text: 'Asiakas odottaa soittoa.' })]);
      expect((await bot.call('POST', `/api/agent/cases/${caseId}/transfer`, { cookie: vili, body: { to: 'anna' } })).body.case.agent).toBe('anna');
      const closed = await bot.call('POST', `/api/agent/cases/${caseId}/close`, { cookie: anna, body: { resolution: 'Soitettu asiakkaalle' } });
      expect(closed.body.case).toMatchObject({ status: 'closed', resolution: 'Soitettu asiakkaalle' });
      await fake.waitFor((activity) => (activity.text ?? '').includes('1–5'));
    });

    test('release puts the case back in the queue for someone else', async () => {
      const bot = await consoleBot();
      const caseId = await openCase(bot, 'release-me');
      const vili = await bot.signIn(VILI);
      await bot.call('POST', `/api/agent/cases/${caseId}/claim`, { cookie: vili });
      expect((await bot.call('POST', `/api/agent/cases/${caseId}/release`, { cookie: vili })).body.case.status).toBe('waiting');
      expect((await bot.call('GET', '/api/agent/cases', { cookie: vili })).body.queue.map((item: { id: string }) => item.id)).toEqual([caseId]);
    });

    test('with CASE_ROUTING off (the default) a new case waits in the shared queue even while an agent is online', async () => {
      const bot = shared;
      const vili = await bot.signIn(VILI);
      const online = await bot.call('POST', '/api/agent/presence', { cookie: vili, body: { status: 'online' } });
      expect(online.body).toMatchObject({ presence: { status: 'online' }, routing: 'off' });
      const caseId = await openCase(bot, 'routing-off');
      // Going online again routes the queue when routing is on, and answers once it has.
      await bot.call('POST', '/api/agent/presence', { cookie: vili, body: { status: 'online' } });
      expect((await bot.call('GET', `/api/agent/cases/${caseId}`, { cookie: vili })).body.case).toMatchObject({ status: 'waiting' });
      expect((await bot.call('GET', `/api/agent/cases/${caseId}`, { cookie: vili })).body.case.agent).toBeUndefined();
    });

    test('two agents claiming at once: exactly one wins, the other gets 409 naming who has it', async () => {
      const bot = shared;
      const caseId = await openCase(bot, 'race');
      const [vili, anna] = [await bot.signIn(VILI), await bot.signIn(ANNA)];
      const results = await Promise.all([vili, anna].map((cookie) => bot.call('POST', `/api/agent/cases/${caseId}/claim`, { cookie })));
      expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
      const winner = results.find((result) => result.status === 200)!.body.case.agent;
      const loser = results.find((result) => result.status === 409)!;
      expect(loser.body.error).toMatchObject({ code: 'case_conflict', details: { status: 'assigned', agent: winner } });
    });

    test("acting on someone else's case gets 403", async () => {
      const bot = shared;
      const fake = await fakeChannel();
      const caseId = await openCase(bot, 'not-yours', fake.serviceUrl);
      const [vili, anna] = [await bot.signIn(VILI), await bot.signIn(ANNA)];
      await bot.call('POST', `/api/agent/cases/${caseId}/claim`, { cookie: vili });
      for (const [route, body] of [
        ['reply', { text: 'Hei' }],
        ['release', {}],
        ['transfer', { to: 'vili' }],
        ['close', { resolution: 'x' }],
      ] as const) {
        const response = await bot.call('POST', `/api/agent/cases/${caseId}/${route}`, { cookie: anna, body });
        expect([route, response.status, response.body.error.code]).toEqual([route, 403, 'not_your_case']);
      }
      expect(fake.received.filter((activity) => activity.text === 'Hei\n\n– Anna')).toEqual([]);
    });

    test('an unknown case gets 404', async () => {
      const bot = shared;
      const cookie = await bot.signIn(VILI);
      expect((await bot.call('GET', '/api/agent/cases/C-99999', { cookie })).status).toBe(404);
      const claim = await bot.call('POST', '/api/agent/cases/C-99999/claim', { cookie });
      expect(claim.status).toBe(404);
      expect(claim.body.error.code).toBe('case_not_found');
    });

    test('a bad body gets 400 naming the failing field', async () => {
      const bot = shared;
      const caseId = await openCase(bot, 'bad-body');
      const cookie = await bot.signIn(VILI);
      await bot.call('POST', `/api/agent/cases/${caseId}/claim`, { cookie });
      const cases: [string, unknown, string, string][] = [
        ['reply', { text: '   ' }, 'text', 'must not be empty'],
        ['reply', {}, 'text', 'is required'],
        ['notes', { text: 42 }, 'text', 'is required'],
        ['close', { resolution: '' }, 'resolution', 'must not be empty'],
        ['transfer', { to: 'nobody' }, 'to', "'nobody' is not an agent in the agents file"],
        ['transfer', { to: 'vili' }, 'to', 'is you; choose another agent'],
      ];
      for (const [route, body, field, message] of cases) {
        const response = await bot.call('POST', `/api/agent/cases/${caseId}/${route}`, { cookie, body });
        expect([route, response.status, response.body.error.details]).toEqual([route, 400, [{ field, message }]]);
      }
    });
  });

  describe('live and numbers', () => {
    test('the event stream tells a signed-in agent about a new case and the customer writing', async () => {
      const bot = shared;
      const cookie = await bot.signIn(VILI);
      const controller = new AbortController();
      const response = await fetch(`${bot.url}/api/agent/events`, { headers: { cookie }, signal: controller.signal });
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const reader = response.body!.getReader();
      let received = '';
      const until = async (pattern: RegExp) => {
        while (!pattern.test(received)) received += new TextDecoder().decode((await reader.read()).value);
      };
      await until(/event: ready/);
      const caseId = await openCase(bot, 'live');
      await until(/"kind":"opened"/);
      await bot.customerSays('onko siellä ketään?', { conversationId: 'live' });
      await until(/"kind":"customer_message"/);
      expect(received).toContain(`"caseId":"${caseId}"`);
      controller.abort();
    });

    test('metrics: the console and GET /api/metrics (with a session instead of METRICS_TOKEN) give the same numbers', async () => {
      const bot = await consoleBot();
      await openCase(bot, 'metrics');
      const cookie = await bot.signIn(VILI);
      const mine = await bot.call('GET', '/api/agent/metrics', { cookie });
      const operators = await bot.call('GET', '/api/metrics', { cookie });
      expect(mine.status).toBe(200);
      expect(operators.status).toBe(200);
      expect(mine.body.queue.waiting).toBe(1);
      expect(mine.body.today.handoffsByReason.customer_request).toBe(1);
      expect({ ...operators.body, generatedAt: '' }).toEqual({ ...mine.body, generatedAt: '' });
      expect((await bot.call('GET', '/api/metrics')).status).toBe(401);
    });

    test('canned replies come per language from the editable file', async () => {
      const bot = shared;
      const cookie = await bot.signIn(VILI);
      const { body } = await bot.call('GET', '/api/agent/canned-replies', { cookie });
      expect(body.replies.fi[0]).toEqual({ title: 'Tervehdys', text: expect.stringContaining('Hei') });
      expect(body.replies.en).toHaveLength(body.replies.fi.length);
    });
  });

  describe('first-response SLA', () => {
    test('every case carries its due and warning times from SLA_FIRST_RESPONSE_MINUTES; the state follows the app clock, and an overdue case is listed first', async () => {
      let clock = Date.parse('2026-11-27T08:00:00.000Z');
      const bot = await startConsoleBot({ now: () => new Date(clock), env: { SLA_FIRST_RESPONSE_MINUTES: '1:2,3:10', SLA_WARNING_SHARE: '0.5' } });
      running.push(bot);
      const minutes = (n: number) => (clock += n * 60_000);
      // The first case is answered later: its customer's channel must take the reply.
      const fake = await fakeChannel();
      const first = await openCase(bot, 'sla-first', fake.serviceUrl);
      minutes(6);
      const second = await openCase(bot, 'sla-second');
      minutes(3);
      const upset = (await bot.customerSays('I have asked three times already and nobody answers', { conversationId: 'sla-upset', locale: 'en-US' })).find(
        (activity) => activity.name === 'handoff.initiate',
      )?.value?.caseId as string;
      const cookie = await bot.signIn(VILI);
      const queue = async () => (await bot.call('GET', '/api/agent/cases', { cookie })).body;

      // 08:09: the first case is past half its 10 minutes (amber), the second not yet; the upset case (priority 1) goes first.
      const at9 = await queue();
      expect(at9.now).toBe('2026-11-27T08:09:00.000Z');
      expect(at9.queue.map((item: { id: string; sla: { state: string } }) => [item.id, item.sla.state])).toEqual([
        [upset, 'on_time'],
        [first, 'warning'],
        [second, 'on_time'],
      ]);
      expect(at9.queue[1].sla).toEqual({ firstResponseDueAt: '2026-11-27T08:10:00.000Z', warningAt: '2026-11-27T08:05:00.000Z', state: 'warning' });
      expect(at9.queue[0].sla.firstResponseDueAt).toBe('2026-11-27T08:11:00.000Z');

      // 08:10: the first case is overdue and jumps ahead of the upset one; the case view says the same.
      minutes(1);
      const at10 = await queue();
      expect(at10.queue.map((item: { id: string; sla: { state: string } }) => [item.id, item.sla.state])).toEqual([
        [first, 'overdue'],
        [upset, 'warning'],
        [second, 'on_time'],
      ]);
      expect((await bot.call('GET', `/api/agent/cases/${first}`, { cookie })).body.case.sla.state).toBe('overdue');

      // A reply settles it: late, so missed, and it no longer jumps the queue.
      await bot.call('POST', `/api/agent/cases/${first}/claim`, { cookie });
      const replied = await bot.call('POST', `/api/agent/cases/${first}/reply`, { cookie, body: { text: 'Hei!' } });
      expect(replied.body.case.sla.state).toBe('missed');
      expect((await queue()).mine.map((item: { id: string; sla: { state: string } }) => [item.id, item.sla.state])).toEqual([[first, 'missed']]);
    });

    test('a bad SLA_FIRST_RESPONSE_MINUTES stops the start with a line naming the pair', async () => {
      await expect(startConsoleBot({ env: { SLA_FIRST_RESPONSE_MINUTES: '1:2,5:10' } })).rejects.toThrow(
        /SLA_FIRST_RESPONSE_MINUTES.*'5:10': priority must be 1, 2 or 3/,
      );
    });
  });
}
