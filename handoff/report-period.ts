import type { CaseRecord, ConversationRecord } from './case-records.js';
import { localTimeOf } from './local-time.js';

/** A period of whole days in the service's time zone, both ends included ("2026-11-23".."2026-11-29"). */
export interface ReportPeriod {
  from: string;
  to: string;
  /** IANA name, e.g. "Europe/Helsinki". */
  timeZone: string;
}

/** One thing behind a figure, for the drill-down list: a conversation or a case. */
export type DrillItem = { kind: 'conversation'; record: ConversationRecord } | { kind: 'case'; record: CaseRecord };

/** The records a period's figures are counted from; each figure says which of these it counts. */
export interface PeriodRecords {
  /** Conversations that started in the period. */
  conversations: ConversationRecord[];
  /** Cases opened (handed off) in the period. */
  cases: CaseRecord[];
  /** Conversations whose rating was given in the period (as "ratings today" in `computeMetrics`). */
  rated: ConversationRecord[];
}

/** Whether an instant falls on one of the period's days in its time zone. */
export function inPeriod(at: string, period: ReportPeriod): boolean {
  // No time zone is more than 14 hours from UTC: an instant whose UTC date is a day or more outside
  // the period is outside it, and the (slow) local time is asked only of the rest.
  const utcDate = at.slice(0, 10);
  if (utcDate < dayBefore(period.from) || utcDate > dayAfter(period.to)) return false;
  const { date } = localTimeOf(at, period.timeZone);
  return date >= period.from && date <= period.to;
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export function recordsIn(records: { cases: readonly CaseRecord[]; conversations: readonly ConversationRecord[] }, period: ReportPeriod): PeriodRecords {
  return {
    conversations: records.conversations.filter((conversation) => inPeriod(conversation.startedAt, period)),
    cases: records.cases.filter((record) => inPeriod(record.createdAt, period)),
    rated: records.conversations.filter((conversation) => conversation.rating && inPeriod(conversation.rating.at, period)),
  };
}

export const conversationItem = (record: ConversationRecord): DrillItem => ({ kind: 'conversation', record });
export const caseItem = (record: CaseRecord): DrillItem => ({ kind: 'case', record });
