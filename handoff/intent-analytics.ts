import type { ConversationRecord } from './case-records.js';
import { averageOf, outcomeFigures, percentOf } from './metric-figures.js';
import { conversationItem, recordsIn, type DrillItem, type PeriodRecords, type ReportPeriod } from './report-period.js';
import type { CaseRecord } from './case-records.js';

/** How one intent did over a period: see `intentAnalytics`. */
export interface IntentFigures {
  intent: string;
  /** Conversations (started in the period) in which the bot answered the intent: its volume. */
  conversations: number;
  /** Of those, the conversations the intent started (it was the first one answered). */
  started: number;
  contained: number;
  handedOff: number;
  abandoned: number;
  /** Shares of `conversations`, adding up to 100 with the abandon rate (as in `/api/metrics`). */
  containmentRate: number;
  handoffRate: number;
  /** Conversations in which the customer said the intent's answer did not help, and their share of `conversations`. */
  notHelpful: number;
  notHelpfulRate: number;
  /** Ratings of the conversations the intent started. */
  ratings: { count: number; average: number | null };
}

/** What a figure of the intent table counts, each a drill-down list of conversations. */
export const INTENT_MEASURES = ['conversations', 'started', 'contained', 'handed_off', 'abandoned', 'not_helpful', 'rated'] as const;
export type IntentMeasure = (typeof INTENT_MEASURES)[number];

/**
 * Per intent, the conversations behind each figure of `intentAnalytics`, busiest intent first (then
 * by name). The figures are these lists' lengths, so a number and its drill-down cannot differ.
 */
export function intentGroups(conversations: readonly ConversationRecord[]): Map<string, Record<IntentMeasure, ConversationRecord[]>> {
  const groups = new Map<string, Record<IntentMeasure, ConversationRecord[]>>();
  for (const conversation of conversations) {
    const answered = new Set(conversation.answeredIntents ?? []);
    for (const intent of answered) {
      let group = groups.get(intent);
      if (!group) {
        group = Object.fromEntries(INTENT_MEASURES.map((measure) => [measure, []])) as unknown as Record<IntentMeasure, ConversationRecord[]>;
        groups.set(intent, group);
      }
      group.conversations.push(conversation);
      group[conversation.outcome].push(conversation);
      if (conversation.notHelpfulIntents?.includes(intent)) group.not_helpful.push(conversation);
      if (conversation.answeredIntents![0] === intent) {
        group.started.push(conversation);
        if (conversation.rating) group.rated.push(conversation);
      }
    }
  }
  return new Map([...groups].sort(([a, first], [b, second]) => second.conversations.length - first.conversations.length || a.localeCompare(b)));
}

/**
 * Per intent over a period (conversations that started in it): volume, containment, handoff rate,
 * "didn't help" rate and the average rating of the conversations it started. Counted from the
 * conversation records' `answeredIntents` and `notHelpfulIntents`; conversations of versions that
 * did not record them count for no intent.
 */
export function intentAnalytics(
  records: { cases: readonly CaseRecord[]; conversations: readonly ConversationRecord[] },
  period: ReportPeriod,
): IntentFigures[] {
  return intentFiguresOf(recordsIn(records, period));
}

export function intentFiguresOf(inPeriod: PeriodRecords): IntentFigures[] {
  return [...intentGroups(inPeriod.conversations)].map(([intent, group]) => {
    const outcomes = outcomeFigures(group.conversations);
    const scores = group.rated.map((conversation) => conversation.rating!.score);
    return {
      intent,
      conversations: outcomes.total,
      started: group.started.length,
      contained: outcomes.contained,
      handedOff: outcomes.handedOff,
      abandoned: outcomes.abandoned,
      containmentRate: outcomes.containmentRate,
      handoffRate: outcomes.handoffRate,
      notHelpful: group.not_helpful.length,
      notHelpfulRate: percentOf(group.not_helpful.length, outcomes.total),
      ratings: { count: scores.length, average: averageOf(scores) },
    };
  });
}

/** The conversations behind one figure of the intent table ("billing:not_helpful"); undefined for an unknown key. */
export function intentDrillDown(inPeriod: PeriodRecords, key: string): DrillItem[] | undefined {
  const split = key.lastIndexOf(':');
  const measure = key.slice(split + 1) as IntentMeasure;
  if (split < 1 || !INTENT_MEASURES.includes(measure)) return undefined;
  return intentGroups(inPeriod.conversations).get(key.slice(0, split))?.[measure].map(conversationItem) ?? [];
}
