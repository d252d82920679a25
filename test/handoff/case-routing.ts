import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { LowdbHandoffStore } from '../../bot/store/index.js';
import { createHandoffDesks, DEFAULT_CASE_TEAMS, teamOfCase, type OpenCaseInput, type RoutableAgent } from '../../handoff/index.js';
import { useTempDirs } from '../support/temp-dirs.js';

/** Registers this file's tests; test/handoff/handoff-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function caseRoutingTests(): void {
  const tempDir = useTempDirs('vastaa-routing-');

  async function desks() {
    const store = await LowdbHandoffStore.open(path.join(await tempDir(), 'handoff.json'));
    return createHandoffDesks(store);
  }

  function request(conversation: string, language: 'fi' | 'en' = 'fi', intent: string | null = null): OpenCaseInput {
    return {
      conversation: { key: `test/${conversation}`, customerKey: `test/user-${conversation}`, channelId: 'test', language },
      reference: {},
      reason: 'customer_request',
      signals: ['customer_request'],
      priority: 3,
      score: null,
      summary: { headline: 'h', intent, topic: null, details: {}, sentiment: 'calm', upsetSignals: [], botSaid: [], firstMessage: null },
    };
  }

  const agent = (login: string, maxChats: number, teams: string[] = [], languages: ('fi' | 'en')[] = ['fi', 'en']): RoutableAgent => ({
    login,
    maxChats,
    languages,
    teams,
  });

  describe('AgentDesk.route', () => {
    test('routings started at the same moment never give an agent more than their maximum (one transaction each)', async () => {
      const { customer, agent: desk } = await desks();
      for (const name of ['a', 'b', 'c', 'd']) await customer.openCase(request(name));
      const agents = [agent('vili', 1), agent('anna', 2)];

      const runs = await Promise.all([desk.route(agents, {}), desk.route(agents, {}), desk.route(agents, {})]);

      const decisions = runs.flat();
      expect(decisions.filter((decision) => decision.agent === 'vili')).toHaveLength(1);
      expect(decisions.filter((decision) => decision.agent === 'anna')).toHaveLength(2);
      expect(new Set(decisions.map((decision) => decision.caseId)).size).toBe(3);
      const open = await desk.openCases();
      expect(open.filter((record) => record.status === 'waiting').map((record) => record.id)).toEqual(['C-00004']);
    });

    test("a case goes only to agents with its language and team; the routed case's conversation belongs to the agent", async () => {
      const { customer, agent: desk } = await desks();
      const english = (await customer.openCase(request('en', 'en'))).record;
      const billing = (await customer.openCase(request('billing', 'fi', 'billing'))).record;

      const routed = await desk.route([agent('vili', 3, ['billing'], ['fi']), agent('anna', 3, [], ['fi'])], DEFAULT_CASE_TEAMS);

      expect(routed).toEqual([{ caseId: billing.id, agent: 'vili' }]);
      expect((await desk.getCase(english.id)).status).toBe('waiting');
      expect((await desk.conversation('test/billing'))?.owner).toBe('agent');
    });

    test('an agent who released a case is not given it straight back', async () => {
      const { customer, agent: desk } = await desks();
      const { record } = await customer.openCase(request('released'));
      await desk.claim(record.id, 'vili');
      await desk.release(record.id, 'vili');
      expect(await desk.route([agent('vili', 3)], {})).toEqual([]);
      expect(await desk.route([agent('vili', 3), agent('anna', 3)], {})).toEqual([{ caseId: record.id, agent: 'anna' }]);
    });
  });

  describe('teamOfCase', () => {
    const of = (intent: string | null, reason: 'customer_request' | 'upset', team?: string) =>
      teamOfCase({ summary: { intent }, reason, ...(team ? { team } : {}) }, { billing: 'billing', upset: 'care' });

    test("the team a case was transferred to wins, then the intent's team, then the reason's; otherwise none", () => {
      expect(of('billing', 'upset', 'orders')).toBe('orders');
      expect(of('billing', 'upset')).toBe('billing');
      expect(of('greeting', 'upset')).toBe('care');
      expect(of('greeting', 'customer_request')).toBeNull();
      expect(of('toString', 'customer_request')).toBeNull();
    });
  });
}
