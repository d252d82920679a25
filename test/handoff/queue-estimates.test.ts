import { describe, expect, test } from '@jest/globals';
import { expectedWaitMinutes, median, queuePosition, type CaseRecord } from '../../handoff/index.js';
import { caseRecord } from '../bot/store/contracts/handoff-store-contract.js';

const at = (minutes: number) => new Date(Date.parse('2026-11-27T10:00:00.000Z') + minutes * 60_000).toISOString();

describe('queue estimates', () => {
  test('an upset customer is ahead of calmer ones who waited longer; a case no longer waiting has no place', () => {
    const waiting: CaseRecord[] = [
      caseRecord('C-1', { createdAt: at(0) }),
      caseRecord('C-2', { createdAt: at(5), priority: 1 }),
      caseRecord('C-3', { createdAt: at(2) }),
    ];
    expect(['C-1', 'C-2', 'C-3', 'C-9'].map((id) => queuePosition(waiting, id))).toEqual([2, 1, 3, undefined]);
  });

  test('the expected wait is the median pick-up time, rounded up, and only with enough recent pick-ups', () => {
    const picked = (opened: number, claimed: number) => caseRecord(`C-${opened}`, { createdAt: at(opened), assignedAt: at(claimed), status: 'assigned' });
    const now = new Date(at(60));
    expect(expectedWaitMinutes([picked(0, 4), picked(10, 16)], now)).toBeUndefined();
    expect(expectedWaitMinutes([picked(0, 4), picked(10, 16), picked(20, 30)], now)).toBe(6);
    expect(expectedWaitMinutes([picked(0, 4), picked(10, 16), picked(20, 30)], new Date(at(15 * 24 * 60)))).toBeUndefined();
  });

  test('median of an even count is the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
