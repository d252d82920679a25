import type { CaseRecord, ConversationRecord } from './case-records.js';
import { median } from './queue-estimates.js';
import { HANDOFF_REASONS, type HandoffReason } from './escalation-policy.js';

export interface HandoffMetrics {
  generatedAt: string;
  /** Each conversation counted once, so the three rates add up to 100. */
  conversations: {
    total: number;
    contained: number;
    handedOff: number;
    abandoned: number;
    containmentRate: number;
    handoffRate: number;
    abandonRate: number;
  };
  handoffsByReason: Record<HandoffReason, number>;
  /**
   * Today's figures, since `todayStartsAt` (midnight in the service's time zone): handoffs of cases
   * opened today, containment of conversations started today, first replies to cases opened today,
   * ratings given today. The panel the agents read is all of these, never an all-time figure.
   */
  today: {
    since: string;
    handoffs: number;
    handoffsByReason: Record<HandoffReason, number>;
    conversations: { total: number; contained: number; containmentRate: number };
    timeToFirstAgentReply: { medianSeconds: number | null; samples: number };
    ratings: { count: number; average: number | null };
  };
  queue: { waiting: number; assigned: number; longestWaitSeconds: number | null };
  /** From a case opening to an agent claiming it. */
  timeToPickUp: { medianSeconds: number | null; samples: number };
  /** From a case opening to the agent's first reply reaching the customer. */
  timeToFirstAgentReply: { medianSeconds: number | null; samples: number };
  ratings: { count: number; average: number | null; distribution: Record<'1' | '2' | '3' | '4' | '5', number> };
}

/**
 * The service's numbers from the stored records: containment, handoffs by reason, the queue,
 * pick-up and first-reply times, ratings. Pure, so the figures can be checked by hand in tests.
 */
export function computeMetrics(
  records: { cases: readonly CaseRecord[]; conversations: readonly ConversationRecord[] },
  now: Date,
  todayStartsAt: Date,
): HandoffMetrics {
  const { cases, conversations } = records;
  const count = (outcome: ConversationRecord['outcome']) => conversations.filter((conversation) => conversation.outcome === outcome).length;
  const total = conversations.length;
  const contained = count('contained');
  const handedOff = count('handed_off');
  const abandoned = count('abandoned');
  const [containmentRate, handoffRate, abandonRate] = sharesOf100([contained, handedOff, abandoned]);

  const isToday = (at: string) => Date.parse(at) >= todayStartsAt.getTime();
  const today = cases.filter((record) => isToday(record.createdAt));
  const conversationsToday = conversations.filter((conversation) => isToday(conversation.startedAt));
  const containedToday = conversationsToday.filter((conversation) => conversation.outcome === 'contained').length;
  const scoresToday = conversations.flatMap((conversation) => (conversation.rating && isToday(conversation.rating.at) ? [conversation.rating.score] : []));
  const waiting = cases.filter((record) => record.status === 'waiting');
  const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;
  const pickUps = cases.filter((record) => record.assignedAt).map((record) => seconds(record.createdAt, record.assignedAt!));
  const firstRepliesOf = (some: readonly CaseRecord[]) =>
    some.filter((record) => record.firstAgentReplyAt).map((record) => seconds(record.createdAt, record.firstAgentReplyAt!));
  const firstReplies = firstRepliesOf(cases);
  const firstRepliesToday = firstRepliesOf(today);
  const scores = conversations.flatMap((conversation) => (conversation.rating ? [conversation.rating.score] : []));
  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const score of scores) distribution[String(score) as keyof typeof distribution] += 1;

  return {
    generatedAt: now.toISOString(),
    conversations: { total, contained, handedOff, abandoned, containmentRate: containmentRate!, handoffRate: handoffRate!, abandonRate: abandonRate! },
    handoffsByReason: byReason(cases),
    today: {
      since: todayStartsAt.toISOString(),
      handoffs: today.length,
      handoffsByReason: byReason(today),
      conversations: {
        total: conversationsToday.length,
        contained: containedToday,
        containmentRate: sharesOf100([containedToday, conversationsToday.length - containedToday])[0]!,
      },
      timeToFirstAgentReply: medianOf(firstRepliesToday),
      ratings: { count: scoresToday.length, average: averageOf(scoresToday) },
    },
    queue: {
      waiting: waiting.length,
      assigned: cases.filter((record) => record.status === 'assigned').length,
      longestWaitSeconds: waiting.length === 0 ? null : Math.round(Math.max(...waiting.map((record) => seconds(record.createdAt, now.toISOString())))),
    },
    timeToPickUp: { medianSeconds: pickUps.length ? Math.round(median(pickUps)) : null, samples: pickUps.length },
    timeToFirstAgentReply: medianOf(firstReplies),
    ratings: { count: scores.length, average: averageOf(scores), distribution },
  };
}

function byReason(cases: readonly CaseRecord[]): Record<HandoffReason, number> {
  const counts = Object.fromEntries(Object.values(HANDOFF_REASONS).map((reason) => [reason, 0])) as Record<HandoffReason, number>;
  for (const record of cases) if (record.reason in counts) counts[record.reason] += 1;
  return counts;
}

function medianOf(seconds: readonly number[]): { medianSeconds: number | null; samples: number } {
  return { medianSeconds: seconds.length ? Math.round(median(seconds)) : null, samples: seconds.length };
}

function averageOf(scores: readonly number[]): number | null {
  return scores.length ? round(scores.reduce((a, b) => a + b, 0) / scores.length, 2) : null;
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
