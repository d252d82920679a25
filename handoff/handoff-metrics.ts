import type { CaseRecord, ConversationRecord } from './case-records.js';
import type { HandoffReason } from './escalation-policy.js';
import {
  averageOf,
  firstReplySeconds,
  handoffsByReason,
  medianOf,
  outcomeFigures,
  type OutcomeFigures,
  type RatingFigures,
  ratingFigures,
  secondsBetween,
  sharesOf100,
} from './metric-figures.js';

export interface HandoffMetrics {
  generatedAt: string;
  /** Each conversation counted once, so the three rates add up to 100. */
  conversations: OutcomeFigures;
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
  ratings: RatingFigures;
}

/**
 * The service's numbers from the stored records: containment, handoffs by reason, the queue,
 * pick-up and first-reply times, ratings. Pure, so the figures can be checked by hand in tests. Made
 * of the same figures (metric-figures.ts) as the service dashboard, so the two agree.
 */
export function computeMetrics(
  records: { cases: readonly CaseRecord[]; conversations: readonly ConversationRecord[] },
  now: Date,
  todayStartsAt: Date,
): HandoffMetrics {
  const { cases, conversations } = records;
  const isToday = (at: string) => Date.parse(at) >= todayStartsAt.getTime();
  const today = cases.filter((record) => isToday(record.createdAt));
  const conversationsToday = conversations.filter((conversation) => isToday(conversation.startedAt));
  const containedToday = conversationsToday.filter((conversation) => conversation.outcome === 'contained').length;
  const scoresToday = conversations.flatMap((conversation) => (conversation.rating && isToday(conversation.rating.at) ? [conversation.rating.score] : []));
  const waiting = cases.filter((record) => record.status === 'waiting');
  const pickUps = cases.filter((record) => record.assignedAt).map((record) => secondsBetween(record.createdAt, record.assignedAt!));
  const firstRepliesOf = (some: readonly CaseRecord[]) => some.flatMap((record) => firstReplySeconds(record) ?? []);
  const scores = conversations.flatMap((conversation) => (conversation.rating ? [conversation.rating.score] : []));

  return {
    generatedAt: now.toISOString(),
    conversations: outcomeFigures(conversations),
    handoffsByReason: handoffsByReason(cases),
    today: {
      since: todayStartsAt.toISOString(),
      handoffs: today.length,
      handoffsByReason: handoffsByReason(today),
      conversations: {
        total: conversationsToday.length,
        contained: containedToday,
        containmentRate: sharesOf100([containedToday, conversationsToday.length - containedToday])[0]!,
      },
      timeToFirstAgentReply: medianOf(firstRepliesOf(today)),
      ratings: { count: scoresToday.length, average: averageOf(scoresToday) },
    },
    queue: {
      waiting: waiting.length,
      assigned: cases.filter((record) => record.status === 'assigned').length,
      longestWaitSeconds: waiting.length === 0 ? null : Math.round(Math.max(...waiting.map((record) => secondsBetween(record.createdAt, now.toISOString())))),
    },
    timeToPickUp: medianOf(pickUps),
    timeToFirstAgentReply: medianOf(firstRepliesOf(cases)),
    ratings: ratingFigures(scores),
  };
}
