import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { countsTowardsExpectedWait, expectedWaitMinutes, median, wasPickedUp, WaitingQueue, type CaseRecord, type CaseStatus } from '../../handoff/index.js';
import { caseRecord } from '../bot/store/contracts/handoff-store-contract.js';

/** Registers this file's tests; test/handoff/handoff-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function queueEstimatesTests(): void {
  const at = (minutes: number) => new Date(Date.parse('2026-11-27T10:00:00.000Z') + minutes * 60_000).toISOString();

  describe('queue estimates', () => {
    test('an upset customer is ahead of calmer ones who waited longer; a case no longer waiting has no place', () => {
      const waiting: CaseRecord[] = [
        caseRecord('C-1', { createdAt: at(0) }),
        caseRecord('C-2', { createdAt: at(5), priority: 1 }),
        caseRecord('C-3', { createdAt: at(2) }),
      ];
      const queue = new WaitingQueue();
      for (const record of waiting) queue.note(record.id, record);
      expect(['C-1', 'C-2', 'C-3', 'C-9'].map((id) => queue.place(id))).toEqual([2, 1, 3, undefined]);
    });

    test('the expected wait is the median pick-up time, rounded up, and only with enough recent pick-ups', () => {
      const picked = (opened: number, claimed: number) => caseRecord(`C-${opened}`, { createdAt: at(opened), assignedAt: at(claimed), status: 'assigned' });
      const now = new Date(at(60));
      expect(expectedWaitMinutes([picked(0, 4), picked(10, 16)], now)).toBeUndefined();
      expect(expectedWaitMinutes([picked(0, 4), picked(10, 16), picked(20, 30)], now)).toBe(6);
      expect(expectedWaitMinutes([picked(0, 4), picked(10, 16), picked(20, 30)], new Date(at(15 * 24 * 60)))).toBeUndefined();
    });

    test('the wait grows with the place in the queue and shrinks with the agents on duty; without an agent it is not guessed', () => {
      // Picked up after 1 minute each, then handled in 8 minutes each.
      const handled = (opened: number) =>
        caseRecord(`C-${opened}`, { createdAt: at(opened), assignedAt: at(opened + 1), endedAt: at(opened + 9), status: 'closed' });
      const cases = [handled(0), handled(10), handled(20)];
      const now = new Date(at(60));
      expect(expectedWaitMinutes(cases, now, { position: 1, agentsOnDuty: 2 })).toBe(1);
      expect(expectedWaitMinutes(cases, now, { position: 2, agentsOnDuty: 2 })).toBe(1);
      // The review's 11th in line with two agents: five rounds of 8 minutes before theirs.
      expect(expectedWaitMinutes(cases, now, { position: 11, agentsOnDuty: 2 })).toBe(41);
      expect(expectedWaitMinutes(cases, now, { position: 11, agentsOnDuty: 1 })).toBe(81);
      expect(expectedWaitMinutes(cases, now, { position: 1, agentsOnDuty: 0 })).toBeUndefined();
    });

    test('past the first round the wait needs enough handled cases, not only pick-ups', () => {
      const pickedOnly = (opened: number) => caseRecord(`C-${opened}`, { createdAt: at(opened), assignedAt: at(opened + 2), status: 'assigned' });
      const cases = [pickedOnly(0), pickedOnly(10), pickedOnly(20)];
      const now = new Date(at(60));
      expect(expectedWaitMinutes(cases, now, { position: 1, agentsOnDuty: 1 })).toBe(2);
      expect(expectedWaitMinutes(cases, now, { position: 2, agentsOnDuty: 1 })).toBeUndefined();
    });

    test('the cases countsTowardsExpectedWait keeps give the same wait as every case, and a case never picked up is never kept', () => {
      const statuses: CaseStatus[] = ['waiting', 'assigned', 'closed', 'abandoned'];
      // Minutes relative to `now` (day 20), spread over 30 days so some fall outside the 14-day sample.
      const day = 24 * 60;
      const someCase = fc.record({
        status: fc.constantFrom(...statuses),
        opened: fc.integer({ min: 0, max: 30 * day }),
        pickUp: fc.option(fc.integer({ min: 0, max: 3 * day })),
        handling: fc.option(fc.integer({ min: 0, max: 3 * day })),
        agent: fc.boolean(),
      });
      fc.assert(
        fc.property(fc.array(someCase, { maxLength: 40 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 3 }), (drawn, position, agentsOnDuty) => {
          const now = new Date(at(20 * day));
          const cases = drawn.map((each, index) =>
            caseRecord(`C-${index}`, {
              status: each.status,
              createdAt: at(each.opened),
              ...(each.pickUp !== null ? { assignedAt: at(each.opened + each.pickUp) } : {}),
              ...(each.pickUp !== null && each.handling !== null ? { endedAt: at(each.opened + each.pickUp + each.handling) } : {}),
              ...(each.agent ? { agent: 'vili' } : {}),
            }),
          );
          const kept = cases.filter((record) => countsTowardsExpectedWait(record, now));
          expect(expectedWaitMinutes(kept, now, { position, agentsOnDuty })).toBe(expectedWaitMinutes(cases, now, { position, agentsOnDuty }));
          expect(kept.every((record) => wasPickedUp(record))).toBe(true);
        }),
      );
    });

    test('median of an even count is the mean of the middle two', () => {
      expect(median([4, 1, 3, 2])).toBe(2.5);
      expect(median([])).toBeNaN();
    });
  });
}
