import { afterEach, describe, expect, test } from '@jest/globals';
import { ConfigError, readConfig } from '../../bot/config.js';
import { startFakeChannel } from '../support/fake-channel.js';
import { ANNA, startConsoleBot, VILI, type ConsoleBot, type TestAgent } from '../support/console-bot.js';

/** Registers this finding's tests; ./findings-h6-to-l12.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function l11MasterApiToken(): void {
  // The review: AGENT_API_TOKEN was a master key (any X-Agent-Login, every action, no way to limit it
  // to one integration or to reading), and any agent could read every case, closed ones and other
  // agents' ones included, with sequential ids. Now integrations get named tokens with a scope and
  // optionally one login, and an ended case opens only for those who worked on it, supervisors and
  // unbound integration tokens.

  const READER = 'reader-token-0123456789abcdef';
  const HELPDESK = 'helpdesk-token-0123456789abcd';
  const SUPERVISOR: TestAgent = { login: 'sari', name: 'Sari', language: 'fi', password: 'sarin-salasana-789', role: 'supervisor' };

  const running: { stop(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const bot of running.splice(0)) await bot.stop();
  });

  async function consoleBot(env: Record<string, string> = {}, agents?: TestAgent[]) {
    const bot = await startConsoleBot({ env, ...(agents ? { agents } : {}) });
    running.push(bot);
    return bot;
  }

  async function openCase(bot: ConsoleBot, conversationId: string): Promise<string> {
    const activities = await bot.customerSays('haluan puhua ihmisen kanssa', { conversationId });
    return activities.find((activity) => activity.name === 'handoff.initiate')!.value.caseId;
  }

  const asToken = (token: string, login?: string) => ({ authorization: `Bearer ${token}`, ...(login ? { 'x-agent-login': login } : {}) });

  describe('L11: integration tokens are named, scoped and can be bound to one agent', () => {
    test('a read-scoped token reads the queue and a case but cannot claim it (403 read_only_token)', async () => {
      const bot = await consoleBot({ AGENT_API_TOKENS: `crm:read:${READER}` });
      const caseId = await openCase(bot, 'l11-read');
      expect((await bot.call('GET', '/api/agent/cases', { headers: asToken(READER, 'anna') })).status).toBe(200);
      expect((await bot.call('GET', `/api/agent/cases/${caseId}`, { headers: asToken(READER, 'anna') })).status).toBe(200);
      const claim = await bot.call('POST', `/api/agent/cases/${caseId}/claim`, { headers: asToken(READER, 'anna') });
      expect(claim.status).toBe(403);
      expect(claim.body.error.code).toBe('read_only_token');
    });

    test('a token bound to vili acts as vili without X-Agent-Login and cannot act as anna; the log names the integration', async () => {
      const bot = await consoleBot({ AGENT_API_TOKENS: `helpdesk:act:vili:${HELPDESK}` });
      const caseId = await openCase(bot, 'l11-bound');
      expect((await bot.call('POST', `/api/agent/cases/${caseId}/claim`, { headers: asToken(HELPDESK, 'anna') })).status).toBe(401);
      const claimed = await bot.call('POST', `/api/agent/cases/${caseId}/claim`, { headers: asToken(HELPDESK) });
      expect(claimed.status).toBe(200);
      expect(claimed.body.case.agent).toBe('vili');
      expect(bot.logs.some((line) => line.includes('integration acted') && line.includes('integration=helpdesk') && line.includes('login=vili'))).toBe(true);
    });

    test('the old AGENT_API_TOKEN still works as a full-scope token, with a start-up warning', async () => {
      const token = 'integration-token-0123456789';
      const bot = await consoleBot({ AGENT_API_TOKEN: token });
      const caseId = await openCase(bot, 'l11-legacy');
      expect((await bot.call('POST', `/api/agent/cases/${caseId}/claim`, { headers: asToken(token, 'anna') })).status).toBe(200);
      expect(bot.logs.some((line) => line.includes('AGENT_API_TOKEN is a master key'))).toBe(true);
    });

    test('a malformed AGENT_API_TOKENS is refused at start-up naming the entry, never quoting the token', () => {
      const secret = 'short-secret';
      let problems: string[] = [];
      try {
        readConfig({ AGENT_API_TOKENS: `crm:write:${READER},bot:act:${secret}` });
      } catch (error) {
        problems = (error as ConfigError).problems;
      }
      expect(problems).toEqual([
        'AGENT_API_TOKENS entry 1 (crm) has scope "write": use read or act',
        'AGENT_API_TOKENS entry 2 (bot) has a token shorter than 16 characters or with characters other than A-Z a-z 0-9 . _ ~ + / = - (use a random secret)',
      ]);
      expect(problems.join('\n')).not.toContain(secret);
    });
  });

  describe('L11: who may open an ended case', () => {
    test('a closed case opens for the agent who closed it, a supervisor and an unbound token, but not for another agent', async () => {
      const bot = await consoleBot({ AGENT_API_TOKENS: `crm:read:${READER}` }, [VILI, ANNA, SUPERVISOR]);
      // The customer's channel on loopback takes the rating prompt that closing sends (without one, the send waits for its timeout).
      const channel = await startFakeChannel();
      running.push({ stop: () => channel.close() });
      const activities = await bot.customerSays('haluan puhua ihmisen kanssa', { conversationId: 'l11-closed', serviceUrl: channel.serviceUrl });
      const caseId = activities.find((activity) => activity.name === 'handoff.initiate')!.value.caseId;
      const [vili, anna, sari] = [await bot.signIn(VILI), await bot.signIn(ANNA), await bot.signIn(SUPERVISOR)];
      await bot.call('POST', `/api/agent/cases/${caseId}/claim`, { cookie: vili });
      expect((await bot.call('GET', `/api/agent/cases/${caseId}`, { cookie: anna })).status).toBe(200);
      expect((await bot.call('POST', `/api/agent/cases/${caseId}/close`, { cookie: vili, body: { resolution: 'Hoidettu' } })).status).toBe(200);

      const refused = await bot.call('GET', `/api/agent/cases/${caseId}`, { cookie: anna });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('not_your_case');
      expect(JSON.stringify(refused.body)).not.toContain('haluan puhua');
      expect((await bot.call('POST', `/api/agent/cases/${caseId}/notes`, { cookie: anna, body: { text: 'kurkistus' } })).status).toBe(403);

      expect((await bot.call('GET', `/api/agent/cases/${caseId}`, { cookie: vili })).status).toBe(200);
      expect((await bot.call('GET', `/api/agent/cases/${caseId}`, { cookie: sari })).status).toBe(200);
      expect((await bot.call('GET', `/api/agent/cases/${caseId}`, { headers: asToken(READER, 'anna') })).status).toBe(200);
    });
  });
}
