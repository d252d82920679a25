import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { startConsoleBot, type ConsoleBot, type TestAgent } from '../../support/console-bot.js';
import { startFakeChannel, type FakeChannel } from '../../support/fake-channel.js';

/** Registers this file's tests; ./console-routes-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function caseRouting(): void {
  // Skills as a small team has them: Vili does billing in Finnish, Anna general cases in both
  // languages, Eero orders in both (one chat at a time), Sari supervises and takes no chats herself.
  const VILI: TestAgent = { login: 'vili', name: 'Vili', language: 'fi', password: 'vilin-salasana-123', maxChats: 2, languages: ['fi'], teams: ['billing'] };
  const ANNA: TestAgent = { login: 'anna', name: 'Anna', language: 'en', password: 'annas-password-456', maxChats: 2, languages: ['fi', 'en'] };
  const EERO: TestAgent = {
    login: 'eero',
    name: 'Eero',
    language: 'fi',
    password: 'eeron-salasana-789',
    maxChats: 1,
    languages: ['fi', 'en'],
    teams: ['orders'],
  };
  const SARI: TestAgent = { login: 'sari', name: 'Sari', language: 'fi', password: 'sarin-salasana-000', role: 'supervisor', maxChats: 0 };
  const AGENTS = [VILI, ANNA, EERO, SARI];

  const GENERAL_FI = 'haluan puhua ihmisen kanssa';
  const GENERAL_EN = 'I want to talk to a person';
  const BILLING_FI = 'miksi laskussa on kaksi veloitusta??';

  let bot: ConsoleBot;
  // Where the customers' side of every conversation is, so closing a case reaches them at once.
  let channel: FakeChannel;
  const cookies: Record<string, string> = {};
  let conversations = 0;

  beforeAll(async () => {
    bot = await startConsoleBot({ agents: AGENTS, env: { CASE_ROUTING: 'on', AGENT_OFFLINE_AFTER_MINUTES: '0.01' } });
    channel = await startFakeChannel();
    for (const agent of AGENTS) cookies[agent.login] = await bot.signIn(agent);
    // Signing in set everyone online; each test sets the presence it tests.
    for (const agent of AGENTS) await setPresence(agent.login, 'offline');
  });
  afterAll(async () => {
    await bot.stop();
    await channel.close();
  });

  // Every test starts from an empty desk with everyone offline: each one sets up the presence it tests.
  afterEach(async () => {
    for (const agent of AGENTS) await setPresence(agent.login, 'offline');
    const team = await bot.call('GET', '/api/agent/team', { cookie: cookies.sari });
    for (const open of team.body.cases as { id: string; status: string; agent: string | null }[]) {
      if (open.status === 'waiting') await bot.call('POST', `/api/agent/cases/${open.id}/reassign`, { cookie: cookies.sari, body: { to: 'anna' } });
      const holder = open.status === 'waiting' ? 'anna' : open.agent!;
      const closed = await bot.call('POST', `/api/agent/cases/${open.id}/close`, { cookie: cookies[holder], body: { resolution: 'test over' } });
      if (closed.status !== 200) throw new Error(`could not clear ${open.id}: ${JSON.stringify(closed.body)}`);
    }
  });

  async function setPresence(login: string, status: 'online' | 'away' | 'offline') {
    const response = await bot.call('POST', '/api/agent/presence', { cookie: cookies[login], body: { status } });
    if (response.status !== 200) throw new Error(`presence of ${login} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /**
   * Waits for every routing started so far: Sari (a supervisor with no chats of her own) saying she
   * is online runs the router once more after any run under way, and answers when it is done.
   */
  async function settled(): Promise<void> {
    await setPresence('sari', 'online');
  }

  /** A customer asks for a person; returns the case id once routing has had its say. */
  async function openCase(text: string, locale = 'fi-FI'): Promise<string> {
    const activities = await bot.customerSays(text, { conversationId: `routing-${++conversations}`, locale, serviceUrl: channel.serviceUrl });
    const caseId = activities.find((activity) => activity.name === 'handoff.initiate')?.value?.caseId;
    if (!caseId) throw new Error(`no case was opened for "${text}": ${JSON.stringify(activities.map((activity) => activity.text ?? activity.name))}`);
    await settled();
    return caseId;
  }

  async function caseOf(id: string): Promise<{ status: string; agent?: string; [key: string]: any }> {
    const response = await bot.call('GET', `/api/agent/cases/${id}`, { cookie: cookies.sari });
    return response.body.case;
  }

  async function holderOf(id: string): Promise<string | null> {
    const record = await caseOf(id);
    return record.status === 'assigned' ? record.agent! : null;
  }

  async function close(id: string): Promise<void> {
    const holder = (await holderOf(id))!;
    expect((await bot.call('POST', `/api/agent/cases/${id}/close`, { cookie: cookies[holder], body: { resolution: 'autettu' } })).status).toBe(200);
    await settled();
  }

  describe('routing new cases to online agents', () => {
    test('gives each case to the least busy fitting agent, in turn among equals, never past their maximum; a freed slot takes the oldest waiting case', async () => {
      await setPresence('vili', 'online');
      await setPresence('anna', 'online');

      const first = await openCase(GENERAL_FI);
      const second = await openCase(GENERAL_FI);
      expect([await holderOf(first), await holderOf(second)].sort()).toEqual(['anna', 'vili']);
      // Both have one chat: the one routed to longest ago is next (round robin).
      const third = await openCase(GENERAL_FI);
      expect(await holderOf(third)).toBe(await holderOf(first));
      const fourth = await openCase(GENERAL_FI);
      expect(await holderOf(fourth)).toBe(await holderOf(second));

      // Both at their maximum of two: the next cases wait in the shared queue.
      const fifth = await openCase(GENERAL_FI);
      const sixth = await openCase(GENERAL_FI);
      expect(await caseOf(fifth)).toMatchObject({ status: 'waiting' });
      expect(await caseOf(sixth)).toMatchObject({ status: 'waiting' });

      // Closing one of Vili's chats frees a slot: the oldest waiting case goes to him, the newer one waits.
      const vilis = (await holderOf(first)) === 'vili' ? first : second;
      await close(vilis);
      expect(await holderOf(fifth)).toBe('vili');
      expect(await caseOf(sixth)).toMatchObject({ status: 'waiting' });

      const routed = await caseOf(fifth);
      expect(routed.events.at(-1)).toMatchObject({ event: 'routed', by: 'router', detail: 'vili' });
    });

    test('an away or offline agent gets nothing; a case nobody fits waits until a fitting agent comes online', async () => {
      await setPresence('vili', 'online'); // Finnish only
      await setPresence('eero', 'away');
      const english = await openCase(GENERAL_EN, 'en-US');
      expect(await caseOf(english)).toMatchObject({ status: 'waiting', language: 'en' });

      const online = await setPresence('eero', 'online');
      expect(online.presence).toMatchObject({ status: 'online', load: 1, maxChats: 1, languages: ['fi', 'en'], teams: ['orders'] });
      expect(await holderOf(english)).toBe('eero');
    });

    test('a billing case goes to the billing team even when another agent is less busy; without the team online it waits', async () => {
      await setPresence('anna', 'online');
      const billing = await openCase(BILLING_FI);
      expect(await caseOf(billing)).toMatchObject({ status: 'waiting' });

      await setPresence('vili', 'online');
      expect(await holderOf(billing)).toBe('vili');
      const second = await openCase(BILLING_FI);
      expect(await holderOf(second)).toBe('vili');
      // A general case still goes to the least busy: Anna.
      expect(await holderOf(await openCase(GENERAL_FI))).toBe('anna');
    });

    test('two cases opened at the same moment never give an agent more than their maximum', async () => {
      await setPresence('eero', 'online'); // at most one chat
      const opened = await Promise.all(
        ['a', 'b', 'c'].map((tag) =>
          bot.customerSays(GENERAL_FI, { conversationId: `routing-race-${tag}-${++conversations}`, serviceUrl: channel.serviceUrl }),
        ),
      );
      await settled();
      const ids = opened.map((activities) => activities.find((activity) => activity.name === 'handoff.initiate')!.value.caseId as string);
      const holders = await Promise.all(ids.map(holderOf));
      expect(holders.filter((holder) => holder === 'eero')).toHaveLength(1);
      expect(holders.filter((holder) => holder === null)).toHaveLength(2);
    });
  });

  describe('transfers', () => {
    test('a transfer to an agent carries the note into the case and its history, and answers who from and to', async () => {
      await setPresence('vili', 'online');
      const id = await openCase(GENERAL_FI);
      expect(await holderOf(id)).toBe('vili');
      await setPresence('vili', 'away');

      const response = await bot.call('POST', `/api/agent/cases/${id}/transfer`, {
        cookie: cookies.vili,
        body: { to: 'anna', note: 'Asiakas haluaa puhua englantia.' },
      });
      expect(response.status).toBe(200);
      expect(response.body.transfer).toEqual({ from: { login: 'vili', name: 'Vili' }, to: { agent: { login: 'anna', name: 'Anna' } } });
      const seenByAnna = (await bot.call('GET', `/api/agent/cases/${id}`, { cookie: cookies.anna })).body.case;
      expect(seenByAnna).toMatchObject({
        status: 'assigned',
        agent: 'anna',
        handover: { from: 'vili', to: { agent: 'anna' }, note: 'Asiakas haluaa puhua englantia.' },
      });
      expect(seenByAnna.events.at(-1)).toMatchObject({ event: 'transferred', by: 'agent:vili', detail: 'anna', note: 'Asiakas haluaa puhua englantia.' });
      // Once Anna has closed it, Vili, who worked on it, may still open the ended case; Eero may not.
      expect((await bot.call('POST', `/api/agent/cases/${id}/close`, { cookie: cookies.anna, body: { resolution: 'autettu' } })).status).toBe(200);
      expect((await bot.call('GET', `/api/agent/cases/${id}`, { cookie: cookies.vili })).status).toBe(200);
      expect((await bot.call('GET', `/api/agent/cases/${id}`, { cookie: cookies.eero })).status).toBe(403);
    });

    test('a transfer to a team puts the case back in the queue for that team, and routing gives it to the team', async () => {
      await setPresence('anna', 'online');
      const id = await openCase(GENERAL_FI);
      expect(await holderOf(id)).toBe('anna');

      const unknown = await bot.call('POST', `/api/agent/cases/${id}/transfer`, { cookie: cookies.anna, body: { team: 'nobody-here' } });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.details[0]).toMatchObject({ field: 'team' });
      expect((await bot.call('POST', `/api/agent/cases/${id}/transfer`, { cookie: cookies.anna, body: {} })).body.error.details[0]).toMatchObject({
        field: 'to',
      });

      const response = await bot.call('POST', `/api/agent/cases/${id}/transfer`, {
        cookie: cookies.anna,
        body: { team: 'billing', note: 'Laskuasia, hyvitys?' },
      });
      expect(response.status).toBe(200);
      expect(response.body.transfer).toEqual({ from: { login: 'anna', name: 'Anna' }, to: { team: 'billing' } });
      expect(response.body.case).toMatchObject({
        status: 'waiting',
        team: 'billing',
        handover: { from: 'anna', to: { team: 'billing' }, note: 'Laskuasia, hyvitys?' },
      });
      await settled();
      // Anna is the least busy and online, but not in billing: it waits for the team, marked with it in the queue.
      expect(await caseOf(id)).toMatchObject({ status: 'waiting' });
      const queue = (await bot.call('GET', '/api/agent/cases', { cookie: cookies.anna })).body.queue;
      expect(queue).toEqual([expect.objectContaining({ id, team: 'billing' })]);

      await setPresence('vili', 'online');
      const received = await caseOf(id);
      expect(received).toMatchObject({ status: 'assigned', agent: 'vili', handover: { note: 'Laskuasia, hyvitys?' } });
      expect(received.events.map((event: { event: string }) => event.event)).toEqual(['opened', 'routed', 'transferred', 'routed']);
    });
  });

  describe('the supervisor', () => {
    test("sees every agent's presence, load and skills, and reassigns a case to another agent or back to the queue", async () => {
      await setPresence('vili', 'online');
      const id = await openCase(GENERAL_FI);
      await setPresence('vili', 'away');

      const team = await bot.call('GET', '/api/agent/team', { cookie: cookies.sari });
      expect(team.status).toBe(200);
      expect(team.body.routing).toBe('on');
      expect(team.body.agents.find((agent: { login: string }) => agent.login === 'vili')).toMatchObject({
        name: 'Vili',
        role: 'agent',
        status: 'away',
        load: 1,
        maxChats: 2,
        languages: ['fi'],
        teams: ['billing'],
      });
      expect(team.body.cases).toEqual([expect.objectContaining({ id, status: 'assigned', agent: 'vili', language: 'fi', team: null })]);

      const toAnna = await bot.call('POST', `/api/agent/cases/${id}/reassign`, { cookie: cookies.sari, body: { to: 'anna' } });
      expect(toAnna.status).toBe(200);
      expect(toAnna.body.case).toMatchObject({ id, status: 'assigned', agent: 'anna' });

      // Nobody online, so the queue keeps it.
      const toQueue = await bot.call('POST', `/api/agent/cases/${id}/reassign`, { cookie: cookies.sari, body: { to: null } });
      expect(toQueue.status).toBe(200);
      expect(toQueue.body.case).toMatchObject({ id, status: 'waiting', agent: null });
      const again = await bot.call('POST', `/api/agent/cases/${id}/reassign`, { cookie: cookies.sari, body: { to: null } });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(/cannot put back in the queue case C-\d+: it is waiting/);
      expect((await caseOf(id)).events.slice(-2)).toEqual([
        expect.objectContaining({ event: 'reassigned', by: 'agent:sari', detail: 'anna' }),
        expect.objectContaining({ event: 'reassigned', by: 'agent:sari', detail: 'queue' }),
      ]);
    });

    test('an agent cannot see the team panel or reassign: 403 says only supervisors may', async () => {
      await setPresence('vili', 'online');
      const id = await openCase(GENERAL_FI);
      const panel = await bot.call('GET', '/api/agent/team', { cookie: cookies.anna });
      expect(panel.status).toBe(403);
      expect(panel.body.error).toMatchObject({ code: 'supervisor_only' });
      const reassign = await bot.call('POST', `/api/agent/cases/${id}/reassign`, { cookie: cookies.vili, body: { to: 'anna' } });
      expect(reassign.status).toBe(403);
      expect(reassign.body.error.code).toBe('supervisor_only');
      expect(reassign.body.error.message).toMatch(/only supervisors may reassign cases; vili is an agent/);
      expect(await holderOf(id)).toBe('vili');
    });

    test('a reassignment names a missing or unknown agent field with 400', async () => {
      await setPresence('vili', 'online');
      const id = await openCase(GENERAL_FI);
      const missing = await bot.call('POST', `/api/agent/cases/${id}/reassign`, { cookie: cookies.sari, body: {} });
      expect(missing.status).toBe(400);
      expect(missing.body.error.details[0]).toMatchObject({ field: 'to' });
      const unknown = await bot.call('POST', `/api/agent/cases/${id}/reassign`, { cookie: cookies.sari, body: { to: 'nobody' } });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.details[0]).toMatchObject({ field: 'to' });
    });
  });

  describe('presence', () => {
    test('an agent sets online, away or offline; a wrong state gets 400 naming the field', async () => {
      expect((await setPresence('anna', 'away')).presence).toMatchObject({ status: 'away', load: 0, maxChats: 2, languages: ['fi', 'en'], teams: [] });
      expect((await bot.call('GET', '/api/agent/presence', { cookie: cookies.anna })).body).toMatchObject({ presence: { status: 'away' }, routing: 'on' });
      const wrong = await bot.call('POST', '/api/agent/presence', { cookie: cookies.anna, body: { status: 'busy' } });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.details[0]).toMatchObject({ field: 'status' });
    });

    test('signing in sets online and signing out offline; a console closed for AGENT_OFFLINE_AFTER_MINUTES goes offline', async () => {
      const session = await bot.signIn(EERO);
      expect((await bot.call('GET', '/api/agent/presence', { cookie: session })).body.presence.status).toBe('online');
      await bot.call('POST', '/api/agent/sign-out', { cookie: session });
      expect((await bot.call('GET', '/api/agent/presence', { cookie: cookies.eero })).body.presence.status).toBe('offline');

      await setPresence('eero', 'online');
      const stream = new AbortController();
      const events = await fetch(`${bot.url}/api/agent/events`, { headers: { cookie: cookies.eero! }, signal: stream.signal });
      expect(events.status).toBe(200);
      stream.abort();
      // 0.01 minutes: 0.6 s after the last console closed.
      const deadline = Date.now() + 5000;
      let status = 'online';
      while (status !== 'offline' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await bot.call('GET', '/api/agent/presence', { cookie: cookies.eero })).body.presence.status;
      }
      expect(status).toBe('offline');
    });
  });
}
