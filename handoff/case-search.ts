import type { CaseRecord, CustomerKey } from './case-records.js';
import type { CaseStatus } from './case-status.js';
import type { HandoffReason } from './escalation-policy.js';
import type { HandoffView } from './handoff-store.js';

/** What agents search cases by; every field narrows the result (all must match). Already checked and normalised. */
export interface CaseFilters {
  /** Exact customer key ("webchat/u-123"). */
  customerKey?: CustomerKey;
  /** Part of the case id, any case: "c-0007" finds C-00007. */
  caseId?: string;
  /** Cases opened at or after this instant. */
  openedFrom?: Date;
  /** Cases opened before this instant. */
  openedBefore?: Date;
  reason?: HandoffReason;
  /** A normalised tag (`normaliseTag`). */
  tag?: string;
  /** An agent who worked on it: held it or acted on it. */
  agent?: string;
  status?: readonly CaseStatus[];
}

/**
 * The cases matching `filters`, newest first. A pure query over the store's read view, so any store
 * (the lowdb file, PostgreSQL) answers it the same; a database may later run the same filters as SQL.
 * Text in the transcript is not matched here (transcripts are another store): callers match it on
 * these candidates, in this order, and stop when a page is full.
 */
export function filterCases(view: HandoffView, filters: CaseFilters): CaseRecord[] {
  const candidates = view.cases({
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.customerKey ? { customerKey: filters.customerKey } : {}),
  });
  const caseId = filters.caseId?.toLowerCase();
  const from = filters.openedFrom?.getTime();
  const before = filters.openedBefore?.getTime();
  return candidates
    .filter((record) => {
      if (caseId !== undefined && !record.id.toLowerCase().includes(caseId)) return false;
      const opened = Date.parse(record.createdAt);
      if (from !== undefined && opened < from) return false;
      if (before !== undefined && opened >= before) return false;
      if (filters.reason !== undefined && record.reason !== filters.reason && !record.signals.includes(filters.reason)) return false;
      if (filters.tag !== undefined && !(record.tags ?? []).includes(filters.tag)) return false;
      if (filters.agent !== undefined && !workedOn(record, filters.agent)) return false;
      return true;
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

/** Whether `agent` held the case or acted on it (claimed, replied, transferred, closed, noted). */
export function workedOn(record: CaseRecord, agent: string): boolean {
  const by = `agent:${agent}`;
  return (
    record.agent === agent ||
    record.events.some((event) => event.by === by || (event.event === 'transferred' && event.detail === agent)) ||
    record.notes.some((note) => note.agent === agent)
  );
}

/** The case's own searchable text (masked as stored): what the customer wants, what they wrote while queued, the resolution, notes and tags. */
export function caseText(record: CaseRecord): string {
  const { summary } = record;
  return [
    summary.headline,
    summary.need ?? '',
    summary.firstMessage ?? '',
    ...(summary.whileQueued ?? []).map((message) => message.text),
    ...Object.values(summary.details),
    record.resolution ?? '',
    ...record.notes.map((note) => note.text),
    ...(record.tags ?? []),
  ].join('\n');
}
