import type { CaseRecord, ConversationRecord } from './case-records.js';
import { HANDOFF_REASONS, type HandoffReason } from './escalation-policy.js';
import { intentDrillDown, intentFiguresOf, intentGroups, type IntentFigures } from './intent-analytics.js';
import { datesFrom, localTimeOf } from './local-time.js';
import {
  firstReplySeconds,
  handoffsByReason,
  medianOf,
  outcomeFigures,
  type OutcomeFigures,
  percentOf,
  percentileOf,
  RATING_SCORES,
  type RatingFigures,
  ratingFigures,
} from './metric-figures.js';
import { caseItem, conversationItem, recordsIn, type DrillItem, type PeriodRecords, type ReportPeriod } from './report-period.js';

/** The dashboard's charts; each point of each is a key whose drill-down lists what it counts. */
export const DASHBOARD_CHARTS = ['daily', 'heatmap', 'reasons', 'outcomes', 'first_reply', 'ratings', 'abandoned', 'top_intents', 'intents'] as const;
export type DashboardChart = (typeof DASHBOARD_CHARTS)[number];

/** Time to the first agent reply, in bars a lead can read ("1–5 min"); `upTo` in seconds, exclusive. */
export const FIRST_REPLY_BUCKETS = [
  { id: 'under_1_min', upTo: 60 },
  { id: '1_5_min', upTo: 300 },
  { id: '5_15_min', upTo: 900 },
  { id: '15_60_min', upTo: 3600 },
  { id: 'over_60_min', upTo: Number.POSITIVE_INFINITY },
] as const;

/** How many intents the "top intents" chart shows. */
export const TOP_INTENTS_SHOWN = 10;

export interface ServiceDashboard {
  period: ReportPeriod;
  generatedAt: string;
  /** Conversations started and cases opened, per day of the period. */
  daily: { date: string; conversations: number; handoffs: number }[];
  /** The same per hour of the week (weekday 1 = Monday, hour 0..23), all 168 cells: when to staff. */
  heatmap: { weekday: number; hour: number; conversations: number; handoffs: number }[];
  /** Cases opened per day, by reason; `total` over the period. */
  handoffsByReason: { daily: { date: string; reasons: Record<HandoffReason, number> }[]; total: Record<HandoffReason, number> };
  /** Conversations started in the period, each counted once (as `/api/metrics` `conversations`). */
  outcomes: OutcomeFigures;
  /** Cases opened in the period that an agent has answered. */
  timeToFirstAgentReply: { medianSeconds: number | null; p90Seconds: number | null; samples: number; buckets: { bucket: string; cases: number }[] };
  /** Ratings given in the period. */
  ratings: RatingFigures;
  /** Cases opened in the period that the customer left while they waited; `rate` is their share of the handoffs. */
  abandonedWhileQueued: { total: number; rate: number; daily: { date: string; cases: number }[] };
  topIntents: { intent: string; conversations: number }[];
  intents: IntentFigures[];
}

type Groups = Map<string, DrillItem[]>;

const reasons = Object.values(HANDOFF_REASONS);

/**
 * Every chart's points as drill-down groups: the key of a point ("handoffs:2026-11-23",
 * "conversations:1-09", "upset:2026-11-23", "contained", "1_5_min", "4", "billing") and the records
 * it counts. `serviceDashboard` counts these lists, so a figure and its drill-down cannot differ.
 */
export function dashboardGroups(inPeriod: PeriodRecords, period: ReportPeriod, chart: Exclude<DashboardChart, 'intents'>): Groups {
  const { conversations, cases, rated } = inPeriod;
  const local = (at: string) => localTimeOf(at, period.timeZone);
  const days = datesFrom(period.from, period.to);
  switch (chart) {
    case 'daily':
      return groupedBy(
        [...days.map((date) => `conversations:${date}`), ...days.map((date) => `handoffs:${date}`)],
        [
          ...conversations.map((item) => [`conversations:${local(item.startedAt).date}`, conversationItem(item)] as const),
          ...cases.map((item) => [`handoffs:${local(item.createdAt).date}`, caseItem(item)] as const),
        ],
      );
    case 'heatmap': {
      const groups: Groups = new Map();
      for (const what of ['conversations', 'handoffs'])
        for (let weekday = 1; weekday <= 7; weekday++) for (let hour = 0; hour < 24; hour++) groups.set(heatmapKey(what, weekday, hour), []);
      for (const item of conversations)
        groups.get(heatmapKey('conversations', local(item.startedAt).weekday, local(item.startedAt).hour))!.push(conversationItem(item));
      for (const item of cases) groups.get(heatmapKey('handoffs', local(item.createdAt).weekday, local(item.createdAt).hour))!.push(caseItem(item));
      return groups;
    }
    case 'reasons':
      return groupedBy(
        reasons.flatMap((reason) => days.map((date) => `${reason}:${date}`)),
        cases.map((item) => [`${item.reason}:${local(item.createdAt).date}`, caseItem(item)] as const),
      );
    case 'outcomes':
      return new Map(
        (['contained', 'handed_off', 'abandoned'] as const).map((outcome) => [
          outcome,
          conversations.filter((item) => item.outcome === outcome).map(conversationItem),
        ]),
      );
    case 'first_reply':
      return new Map(
        FIRST_REPLY_BUCKETS.map((bucket, index) => {
          const from = index === 0 ? 0 : FIRST_REPLY_BUCKETS[index - 1]!.upTo;
          const inBucket = cases.filter((item) => {
            const seconds = firstReplySeconds(item);
            return seconds !== undefined && seconds >= from && seconds < bucket.upTo;
          });
          return [bucket.id, inBucket.map(caseItem)];
        }),
      );
    case 'ratings':
      return new Map(RATING_SCORES.map((score) => [score, rated.filter((item) => String(item.rating!.score) === score).map(conversationItem)]));
    case 'abandoned':
      return groupedBy(
        days,
        cases.filter((item) => item.status === 'abandoned').map((item) => [local(item.createdAt).date, caseItem(item)] as const),
      );
    case 'top_intents':
      return new Map(
        [...intentGroups(conversations)].slice(0, TOP_INTENTS_SHOWN).map(([intent, group]) => [intent, group.conversations.map(conversationItem)]),
      );
    default:
      return chart satisfies never;
  }
}

/** Groups in the order of `keys` (each present, empty when nothing falls in it); items of other keys are dropped. */
function groupedBy(keys: readonly string[], items: readonly (readonly [string, DrillItem])[]): Groups {
  const groups: Groups = new Map(keys.map((key) => [key, []]));
  for (const [key, item] of items) groups.get(key)?.push(item);
  return groups;
}

export function heatmapKey(what: string, weekday: number, hour: number): string {
  return `${what}:${weekday}-${String(hour).padStart(2, '0')}`;
}

/**
 * The service dashboard over a period of days in the service's time zone: conversations and handoffs
 * per day and per hour of the week, handoffs by reason per day, containment, time to the first agent
 * reply (median and 90th percentile), ratings, cases abandoned in the queue, and the intents. Pure;
 * made of the same figures as `computeMetrics`, so over a period that holds every record the two agree.
 */
export function serviceDashboard(
  records: { cases: readonly CaseRecord[]; conversations: readonly ConversationRecord[] },
  period: ReportPeriod,
  now: Date,
): ServiceDashboard {
  const inPeriod = recordsIn(records, period);
  const count = (chart: Exclude<DashboardChart, 'intents'>) => {
    const groups = dashboardGroups(inPeriod, period, chart);
    return (key: string) => groups.get(key)?.length ?? 0;
  };
  const days = datesFrom(period.from, period.to);
  const daily = count('daily');
  const heatmap = count('heatmap');
  const byReason = count('reasons');
  const buckets = count('first_reply');
  const abandoned = count('abandoned');
  const replies = inPeriod.cases.flatMap((record) => firstReplySeconds(record) ?? []);
  const abandonedTotal = days.reduce((sum, date) => sum + abandoned(date), 0);
  const intents = intentFiguresOf(inPeriod);
  return {
    period,
    generatedAt: now.toISOString(),
    daily: days.map((date) => ({ date, conversations: daily(`conversations:${date}`), handoffs: daily(`handoffs:${date}`) })),
    heatmap: Array.from({ length: 7 * 24 }, (_, index) => {
      const weekday = Math.floor(index / 24) + 1;
      const hour = index % 24;
      return { weekday, hour, conversations: heatmap(heatmapKey('conversations', weekday, hour)), handoffs: heatmap(heatmapKey('handoffs', weekday, hour)) };
    }),
    handoffsByReason: {
      daily: days.map((date) => ({
        date,
        reasons: Object.fromEntries(reasons.map((reason) => [reason, byReason(`${reason}:${date}`)])) as Record<HandoffReason, number>,
      })),
      total: handoffsByReason(inPeriod.cases),
    },
    outcomes: outcomeFigures(inPeriod.conversations),
    timeToFirstAgentReply: {
      ...medianOf(replies),
      p90Seconds: percentileOf(replies, 90),
      buckets: FIRST_REPLY_BUCKETS.map((bucket) => ({ bucket: bucket.id, cases: buckets(bucket.id) })),
    },
    ratings: ratingFigures(inPeriod.rated.map((conversation) => conversation.rating!.score)),
    abandonedWhileQueued: {
      total: abandonedTotal,
      rate: percentOf(abandonedTotal, inPeriod.cases.length),
      daily: days.map((date) => ({ date, cases: abandoned(date) })),
    },
    topIntents: intents.slice(0, TOP_INTENTS_SHOWN).map(({ intent, conversations }) => ({ intent, conversations })),
    intents,
  };
}

/**
 * The conversations or cases behind one point of one chart, newest first; undefined when the chart
 * has no such point (a key from another period, a typo), so the caller can answer 404 rather than
 * an empty list that looks like a true zero.
 */
export function drillDown(
  records: { cases: readonly CaseRecord[]; conversations: readonly ConversationRecord[] },
  period: ReportPeriod,
  chart: DashboardChart,
  key: string,
): DrillItem[] | undefined {
  const inPeriod = recordsIn(records, period);
  const items = chart === 'intents' ? intentDrillDown(inPeriod, key) : dashboardGroups(inPeriod, period, chart).get(key);
  return items && [...items].sort((a, b) => startOf(b).localeCompare(startOf(a)));
}

function startOf(item: DrillItem): string {
  return item.kind === 'case' ? item.record.createdAt : item.record.startedAt;
}
