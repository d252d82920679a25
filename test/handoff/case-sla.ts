import { describe, expect, test } from '@jest/globals';
import { DEFAULT_SLA_POLICY, overdueFirst, parseFirstResponseMinutes, slaOf, type SlaPolicy } from '../../handoff/index.js';

/** Registers this file's tests; test/handoff/handoff-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function caseSlaTests(): void {
  const OPENED = '2026-11-27T10:00:00.000Z';
  const policy: SlaPolicy = { firstResponseMinutes: { 1: 2, 2: 5, 3: 10 }, warningShare: 0.5 };
  const at = (minutes: number) => new Date(Date.parse(OPENED) + minutes * 60_000);
  const waiting = (priority: 1 | 2 | 3) => ({ createdAt: OPENED, priority, status: 'waiting' as const });

  describe('the first-response SLA of a case', () => {
    test('is due the configured minutes after opening, by priority, and turns amber at the warning share', () => {
      expect(slaOf(waiting(3), policy, at(0))).toEqual({
        firstResponseDueAt: '2026-11-27T10:10:00.000Z',
        warningAt: '2026-11-27T10:05:00.000Z',
        state: 'on_time',
      });
      expect(slaOf(waiting(1), policy, at(0)).firstResponseDueAt).toBe('2026-11-27T10:02:00.000Z');
      expect(slaOf(waiting(2), { ...policy, warningShare: 0.8 }, at(0)).warningAt).toBe('2026-11-27T10:04:00.000Z');
    });

    test('is on time before the warning, a warning from it, and overdue from the due time while nobody has replied', () => {
      expect(slaOf(waiting(3), policy, at(4.99)).state).toBe('on_time');
      expect(slaOf(waiting(3), policy, at(5)).state).toBe('warning');
      expect(slaOf(waiting(3), policy, at(9.99)).state).toBe('warning');
      expect(slaOf(waiting(3), policy, at(10)).state).toBe('overdue');
      expect(slaOf({ ...waiting(3), status: 'assigned' }, policy, at(60)).state).toBe('overdue');
    });

    test('is settled by the first agent reply: met when in time, missed when late, whatever the clock says later', () => {
      expect(slaOf({ ...waiting(3), status: 'assigned', firstAgentReplyAt: at(9).toISOString() }, policy, at(60)).state).toBe('met');
      expect(slaOf({ ...waiting(3), status: 'assigned', firstAgentReplyAt: at(11).toISOString() }, policy, at(60)).state).toBe('missed');
    });

    test('stops when the case ends without a reply, so a closed or cancelled case never turns red later', () => {
      expect(slaOf({ ...waiting(3), status: 'abandoned', endedAt: at(3).toISOString() }, policy, at(60)).state).toBe('met');
      expect(slaOf({ ...waiting(3), status: 'closed', endedAt: at(12).toISOString() }, policy, at(60)).state).toBe('missed');
    });

    test('puts overdue cases first, the longest overdue first, and keeps the order of the rest', () => {
      const item = (id: string, priority: 1 | 2 | 3, openedMinutesAgo: number) => ({
        id,
        sla: slaOf({ createdAt: at(-openedMinutesAgo).toISOString(), priority, status: 'waiting' }, policy, at(0)),
      });
      const queue = [item('upset-new', 1, 0), item('late', 3, 11), item('fresh', 3, 1), item('later', 3, 15)];
      expect(overdueFirst(queue).map((entry) => entry.id)).toEqual(['later', 'late', 'upset-new', 'fresh']);
    });
  });

  describe('SLA_FIRST_RESPONSE_MINUTES', () => {
    test('reads priority:minutes pairs; a priority left out keeps its default', () => {
      expect(parseFirstResponseMinutes('1:3, 3:30')).toEqual({ minutes: { 1: 3, 2: DEFAULT_SLA_POLICY.firstResponseMinutes[2], 3: 30 } });
    });

    test('names every bad pair', () => {
      expect(parseFirstResponseMinutes('1:2,4:10,x,3:0')).toEqual({
        problems: ["'4:10': priority must be 1, 2 or 3", "'x' is not priority:minutes, e.g. 1:2", "'3:0': minutes must be 1 to 1440"],
      });
    });
  });
}
