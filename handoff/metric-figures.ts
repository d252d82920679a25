import type { CaseRecord, ConversationRecord } from './case-records.js';
import { HANDOFF_REASONS, type HandoffReason } from './escalation-policy.js';
import { median } from './queue-estimates.js';

/**
 * The figures both `GET /api/metrics` (`computeMetrics`) and the service dashboard
 * (`serviceDashboard`) are made of. One definition each, so the two can never disagree on what
 * "containment" or "time to first reply" means.
 */

/** Each conversation counted once, so the three rates add up to 100. */
export interface OutcomeFigures {
  total: number;
  contained: number;
  handedOff: number;
  abandoned: number;
  containmentRate: number;
  handoffRate: number;
  abandonRate: number;
}

export interface RatingFigures {
  count: number;
  average: number | null;
  distribution: Record<RatingScore, number>;
}

export const RATING_SCORES = ['1', '2', '3', '4', '5'] as const;
export type RatingScore = (typeof RATING_SCORES)[number];

export function outcomeFigures(conversations: readonly ConversationRecord[]): OutcomeFigures {
  const count = (outcome: ConversationRecord['outcome']) => conversations.filter((conversation) => conversation.outcome === outcome).length;
  const [contained, handedOff, abandoned] = [count('contained'), count('handed_off'), count('abandoned')];
  const [containmentRate, handoffRate, abandonRate] = sharesOf100([contained, handedOff, abandoned]);
  return {
    total: conversations.length,
    contained,
    handedOff,
    abandoned,
    containmentRate: containmentRate!,
    handoffRate: handoffRate!,
    abandonRate: abandonRate!,
  };
}

/** Cases by the reason they were handed off for; every reason present, 0 when none. */
export function handoffsByReason(cases: readonly CaseRecord[]): Record<HandoffReason, number> {
  const counts = Object.fromEntries(Object.values(HANDOFF_REASONS).map((reason) => [reason, 0])) as Record<HandoffReason, number>;
  for (const record of cases) if (record.reason in counts) counts[record.reason] += 1;
  return counts;
}

/** Seconds from a case opening to the agent's first reply reaching the customer; undefined before one. */
export function firstReplySeconds(record: CaseRecord): number | undefined {
  return record.firstAgentReplyAt ? secondsBetween(record.createdAt, record.firstAgentReplyAt) : undefined;
}

export function secondsBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 1000;
}

/** The median in whole seconds, null without samples. */
export function medianOf(seconds: readonly number[]): { medianSeconds: number | null; samples: number } {
  return { medianSeconds: seconds.length ? Math.round(median(seconds)) : null, samples: seconds.length };
}

/**
 * The nearest-rank percentile (the smallest value with at least `p` % of the values at or below it),
 * in whole seconds; null without values. Nearest rank, not interpolation: the figure is always a
 * time some customer really waited, and it is the one a reader can check in the drill-down list.
 */
export function percentileOf(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!);
}

/** Count, average (2 decimals) and distribution of 1..5 ratings. */
export function ratingFigures(scores: readonly number[]): RatingFigures {
  const distribution = Object.fromEntries(RATING_SCORES.map((score) => [score, 0])) as Record<RatingScore, number>;
  for (const score of scores) if (String(score) in distribution) distribution[String(score) as RatingScore] += 1;
  return { count: scores.length, average: averageOf(scores), distribution };
}

export function averageOf(values: readonly number[]): number | null {
  return values.length ? round(values.reduce((a, b) => a + b, 0) / values.length, 2) : null;
}

/** `part` as a percentage of `whole` with one decimal; 0 when `whole` is 0. */
export function percentOf(part: number, whole: number): number {
  return whole === 0 ? 0 : round((100 * part) / whole, 1);
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/**
 * Percentages with one decimal that add up to exactly 100 (largest remainder): 1/3 each becomes
 * 33.4 + 33.3 + 33.3, not 99.9. All zeros when there is nothing to share.
 */
export function sharesOf100(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return counts.map(() => 0);
  const tenths = counts.map((count) => (1000 * count) / total);
  const floors = tenths.map(Math.floor);
  let left = 1000 - floors.reduce((a, b) => a + b, 0);
  const byRemainder = tenths.map((value, index) => ({ index, remainder: value - floors[index]! })).sort((a, b) => b.remainder - a.remainder);
  for (const { index } of byRemainder) {
    if (left-- <= 0) break;
    floors[index]! += 1;
  }
  return floors.map((value) => value / 10);
}
