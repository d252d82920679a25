import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { LowdbHandoffStore } from '../../bot/store/index.js';
import {
  AGENT_CASE_RULES,
  CASE_STATUSES,
  CASE_TRANSITIONS,
  CaseConflictError,
  NotYourCaseError,
  createHandoffDesks,
  transitionCase,
  type CaseChange,
  type CaseStatus,
  type OpenCaseInput,
} from '../../handoff/index.js';
import { useTempDirs } from '../support/temp-dirs.js';

/** Registers this file's tests; test/handoff/handoff-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function caseLifecycleTests(): void {
  const tempDir = useTempDirs('vastaa-lifecycle-');

  async function desks() {
    const clock = { now: new Date('2026-11-27T10:00:00.000Z') };
    const store = await LowdbHandoffStore.open(path.join(await tempDir(), 'handoff.json'));
    const all = createHandoffDesks(store, () => clock.now);
    const changes: CaseChange[] = [];
    all.agent.events.on('change', (change) => changes.push(change));
    return { ...all, clock, changes };
  }

  function request(conversation: string): OpenCaseInput {
    return {
      conversation: { key: `test/${conversation}`, customerKey: `test/user-${conversation}`, channelId: 'test', language: 'fi' },
      reference: {},
      reason: 'customer_request',
      signals: ['customer_request'],
      priority: 3,
      score: null,
      summary: { headline: 'h', intent: null, topic: null, details: {}, sentiment: 'calm', upsetSignals: [], botSaid: [], firstMessage: null },
    };
  }

  describe('case status is a transition table', () => {
    test('an ended case never moves again, and every status is listed', () => {
      expect(Object.keys(CASE_TRANSITIONS).sort()).toEqual(Object.values(CASE_STATUSES).sort());
      expect(CASE_TRANSITIONS.closed).toEqual([]);
      expect(CASE_TRANSITIONS.abandoned).toEqual([]);
    });

    test('refuses a path the table does not list, naming the function, both statuses and the fix', () => {
      expect(() => transitionCase('closed', 'assigned')).toThrow(
        'transitionCase(): cannot go from closed to assigned (from closed only nothing is allowed); add the path to CASE_TRANSITIONS if it is meant to exist',
      );
      expect(transitionCase('waiting', 'assigned')).toBe('assigned');
    });

    test('every agent action starts from a status the table lets it leave or keep', () => {
      for (const rule of Object.values(AGENT_CASE_RULES))
        for (const from of rule.from) expect(Object.keys(CASE_TRANSITIONS)).toContain(from satisfies CaseStatus);
    });
  });

  describe('the desks share one lifecycle', () => {
    test('a case goes waiting, claimed, released, claimed, transferred, closed; live views hear each typed change', async () => {
      const { customer, agent, changes } = await desks();
      const { record } = await customer.openCase(request('a'));
      expect(record.id).toBe('C-00001');
      await agent.claim(record.id, 'vili');
      await agent.release(record.id, 'vili');
      await agent.claim(record.id, 'anna');
      await agent.transfer(record.id, 'anna', 'vili');
      await agent.recordAgentReply(record.id, 'vili');
      await agent.addNote(record.id, 'vili', 'asked for the order number');
      const closed = await agent.close(record.id, 'vili', 'refund sent');
      expect(closed).toMatchObject({ status: 'closed', agent: 'vili', resolution: 'refund sent', revision: 8 });
      expect(closed.events.map((event) => event.event)).toEqual(['opened', 'claimed', 'released', 'claimed', 'transferred', 'replied', 'closed']);
      expect(changes.map((change) => change.kind)).toEqual(['opened', 'claimed', 'released', 'claimed', 'transferred', 'replied', 'noted', 'closed']);
      expect((await customer.conversation('test/a'))?.owner).toBe('closed');
    });

    test("the customer's rating of a closed case is a live change (the console's today figures refresh on it); no rating, no change", async () => {
      const { customer, agent, changes } = await desks();
      const { record } = await customer.openCase(request('a'));
      await agent.claim(record.id, 'vili');
      await agent.close(record.id, 'vili', 'done');
      await customer.backToBot('test/a', 4);
      expect(changes.at(-1)).toEqual({ kind: 'rated', caseId: record.id, status: 'closed', revision: 3 });
      expect((await customer.conversation('test/a'))?.rating).toMatchObject({ score: 4, caseId: record.id });

      const second = (await customer.openCase(request('b'))).record;
      await agent.claim(second.id, 'vili');
      await agent.close(second.id, 'vili', 'done');
      await customer.backToBot('test/b');
      expect(changes.at(-1)?.kind).toBe('closed');
    });

    test('a late claim on a closed case is a conflict that says what to do', async () => {
      const { customer, agent } = await desks();
      const { record } = await customer.openCase(request('a'));
      await agent.claim(record.id, 'vili');
      await agent.close(record.id, 'vili', 'done');
      const late = agent.claim(record.id, 'anna');
      await expect(late).rejects.toBeInstanceOf(CaseConflictError);
      await expect(late).rejects.toThrow(`cannot claim case ${record.id}: it is closed (agent vili); reload the case to see its current state`);
    });

    test('only the holder may reply, release, transfer or close', async () => {
      const { customer, agent } = await desks();
      const { record } = await customer.openCase(request('a'));
      await agent.claim(record.id, 'vili');
      await expect(agent.caseHeldBy(record.id, 'anna', 'replied')).rejects.toThrow(
        `cannot reply to case ${record.id}: it is assigned to vili; claim it first or ask them to transfer it`,
      );
      await expect(agent.close(record.id, 'anna', 'x')).rejects.toBeInstanceOf(NotYourCaseError);
      await expect(agent.release(record.id, 'anna')).rejects.toBeInstanceOf(NotYourCaseError);
    });

    test('the agent who closed a case may still add a note to it; another agent may not', async () => {
      const { customer, agent } = await desks();
      const { record } = await customer.openCase(request('a'));
      await agent.claim(record.id, 'vili');
      await agent.close(record.id, 'vili', 'done');
      expect((await agent.addNote(record.id, 'vili', 'customer called back')).notes).toHaveLength(1);
      await expect(agent.addNote(record.id, 'anna', 'x')).rejects.toThrow(
        `cannot add a note to case ${record.id}: it is closed; reload the case to see its current state`,
      );
    });

    test('a customer who gives up waiting abandons the case; once claimed, giving up is no longer theirs to do', async () => {
      const { customer, agent, changes } = await desks();
      const first = (await customer.openCase(request('a'))).record;
      expect(await customer.abandon('test/a')).toMatchObject({ id: first.id, status: 'abandoned' });
      expect(changes.at(-1)?.kind).toBe('abandoned');
      const second = (await customer.openCase(request('b'))).record;
      await agent.claim(second.id, 'vili');
      expect(await customer.abandon('test/b')).toBeUndefined();
    });
  });
}
