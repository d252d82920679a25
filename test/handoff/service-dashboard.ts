import { describe, expect, test } from '@jest/globals';
import { drillDown, percentileOf, serviceDashboard, type ConversationRecord } from '../../handoff/index.js';
import { caseRecord, conversationRecord } from '../bot/store/contracts/handoff-store-contract.js';

/** Registers this file's tests; test/handoff/handoff-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function serviceDashboardTests(): void {
  const PERIOD = { from: '2026-11-23', to: '2026-11-23', timeZone: 'Europe/Helsinki' };
  const NOW = new Date('2026-11-27T10:00:00Z');
  const at = (time: string) => `2026-11-23T${time}Z`;
  const conversation = (key: string, fields: Partial<ConversationRecord>) =>
    conversationRecord(key, { startedAt: at('08:00:00'), outcome: 'contained', ...fields });

  describe('the service dashboard, figure by figure', () => {
    test('the 90th percentile is nearest rank: a wait some customer really had', () => {
      expect(percentileOf([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90)).toBe(90);
      expect(percentileOf([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110], 90)).toBe(100);
      expect(percentileOf([42], 90)).toBe(42);
      expect(percentileOf([], 90)).toBeNull();
    });

    test('conversations recorded before intents were kept count in every figure but the intent ones', () => {
      const figures = serviceDashboard(
        { cases: [], conversations: [conversation('w/old', {}), conversation('w/new', { answeredIntents: ['help'], notHelpfulIntents: ['help'] })] },
        PERIOD,
        NOW,
      );
      expect(figures.outcomes.total).toBe(2);
      expect(figures.intents).toEqual([expect.objectContaining({ intent: 'help', conversations: 1, notHelpful: 1, notHelpfulRate: 100 })]);
    });

    test('a conversation belongs to the day and hour it started in the service time zone, not in UTC', () => {
      const records = {
        cases: [],
        // 23.11. 23.59 and 24.11. 0.00 in Helsinki.
        conversations: [conversation('w/late', { startedAt: at('21:59:00') }), conversation('w/next-day', { startedAt: at('22:00:00') })],
      };
      const figures = serviceDashboard(records, PERIOD, NOW);
      expect(figures.daily).toEqual([{ date: '2026-11-23', conversations: 1, handoffs: 0 }]);
      expect(figures.heatmap.find((cell) => cell.conversations > 0)).toEqual({ weekday: 1, hour: 23, conversations: 1, handoffs: 0 });
    });

    test('a case with no agent reply yet counts in the handoffs but not in the reply times; no samples means no median', () => {
      const figures = serviceDashboard({ cases: [caseRecord('C-1', { createdAt: at('08:00:00'), status: 'waiting' })], conversations: [] }, PERIOD, NOW);
      expect(figures.daily[0]!.handoffs).toBe(1);
      expect(figures.timeToFirstAgentReply).toMatchObject({ medianSeconds: null, p90Seconds: null, samples: 0 });
      expect(figures.abandonedWhileQueued).toMatchObject({ total: 0, rate: 0 });
    });

    test('the drill-down of a point the chart does not have is undefined, of an empty point an empty list', () => {
      const records = { cases: [], conversations: [] };
      expect(drillDown(records, PERIOD, 'daily', 'handoffs:2026-11-24')).toBeUndefined();
      expect(drillDown(records, PERIOD, 'intents', 'help:bogus')).toBeUndefined();
      expect(drillDown(records, PERIOD, 'daily', 'handoffs:2026-11-23')).toEqual([]);
    });
  });
}
