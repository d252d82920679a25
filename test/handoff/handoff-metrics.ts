import { describe, expect, test } from '@jest/globals';
import { computeMetrics, type ConversationRecord } from '../../handoff/index.js';
import { caseRecord } from '../bot/store/contracts/handoff-store-contract.js';

/** Registers this file's tests; test/handoff/handoff-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function handoffMetricsTests(): void {
  const MIDNIGHT = new Date('2026-11-26T22:00:00.000Z'); // 00:00 in Helsinki on 27 November
  const NOW = new Date('2026-11-27T12:00:00.000Z');
  const YESTERDAY = '2026-11-26T15:00:00.000Z';
  const TODAY = '2026-11-27T09:00:00.000Z';

  function conversation(key: string, startedAt: string, outcome: ConversationRecord['outcome'], rating?: { score: number; at: string }): ConversationRecord {
    return {
      key,
      customerKey: `emulator/${key}`,
      channelId: 'emulator',
      language: 'fi',
      startedAt,
      owner: 'bot',
      ownerHistory: [],
      outcome,
      ...(rating ? { rating: { ...rating, caseId: 'C-1' } } : {}),
    };
  }

  describe("the panel's today figures", () => {
    test('count only what happened since midnight in the service time zone, while the all-time figures keep everything', () => {
      const metrics = computeMetrics(
        {
          cases: [
            caseRecord('C-1', { createdAt: YESTERDAY, firstAgentReplyAt: '2026-11-26T15:10:00.000Z', status: 'closed' }),
            caseRecord('C-2', { createdAt: TODAY, firstAgentReplyAt: '2026-11-27T09:02:00.000Z', status: 'assigned' }),
            caseRecord('C-3', { createdAt: '2026-11-26T22:30:00.000Z', status: 'waiting' }),
          ],
          conversations: [
            conversation('old-contained', YESTERDAY, 'contained'),
            conversation('old-rated', YESTERDAY, 'handed_off', { score: 1, at: YESTERDAY }),
            conversation('rated-today', YESTERDAY, 'handed_off', { score: 4, at: TODAY }),
            conversation('contained-today', TODAY, 'contained'),
            conversation('also-contained', TODAY, 'contained'),
            conversation('handed-off-today', TODAY, 'handed_off', { score: 5, at: TODAY }),
          ],
        },
        NOW,
        MIDNIGHT,
      );
      expect(metrics.today).toEqual({
        since: MIDNIGHT.toISOString(),
        handoffs: 2,
        handoffsByReason: { upset: 0, sensitive_topic: 0, customer_request: 2, low_confidence: 0 },
        conversations: { total: 3, contained: 2, containmentRate: 66.7 },
        timeToFirstAgentReply: { medianSeconds: 120, samples: 1 },
        ratings: { count: 2, average: 4.5 },
      });
      expect(metrics.conversations.total).toBe(6);
      expect(metrics.ratings).toMatchObject({ count: 3, average: 3.33 });
      expect(metrics.timeToFirstAgentReply).toEqual({ medianSeconds: 360, samples: 2 });
    });
  });
}
