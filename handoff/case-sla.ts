import type { CaseRecord } from './case-records.js';
import type { HandoffPriority } from './escalation-policy.js';

/** How long a case may wait for the first agent reply, by priority, and when to start warning. */
export interface SlaPolicy {
  /** Minutes from opening to the first agent reply, per priority (1 upset, 2 sensitive, 3 the rest). */
  firstResponseMinutes: Record<HandoffPriority, number>;
  /** Share of the allowed time after which the case turns amber, e.g. 0.5: half the time is gone. */
  warningShare: number;
}

/**
 * Where a case stands against its first-response time: `on_time`, `warning` (past the warning
 * share), `overdue` (past due, no reply yet), or settled: `met` / `missed` once an agent replied or
 * the case ended. The order is the queue's: overdue cases first.
 */
export const SLA_STATES = { overdue: 'overdue', warning: 'warning', on_time: 'on_time', met: 'met', missed: 'missed' } as const;
export type SlaState = (typeof SLA_STATES)[keyof typeof SLA_STATES];

export interface CaseSla {
  /** When the first agent reply is due (ISO 8601). */
  firstResponseDueAt: string;
  /** When the case turns amber (ISO 8601). */
  warningAt: string;
  state: SlaState;
}

/** The default: an upset customer is answered within 2 minutes, a sensitive topic within 5, the rest within 15. */
export const DEFAULT_SLA_POLICY: SlaPolicy = { firstResponseMinutes: { 1: 2, 2: 5, 3: 15 }, warningShare: 0.5 };

/**
 * The first-response SLA of a case at `now`. Pure, so a test can fix the clock.
 *
 * @example slaOf({ createdAt: '2026-11-27T10:00:00Z', priority: 3, status: 'waiting' }, DEFAULT_SLA_POLICY, new Date('2026-11-27T10:10:00Z'))
 *   // { firstResponseDueAt: '2026-11-27T10:15:00.000Z', warningAt: '2026-11-27T10:07:30.000Z', state: 'warning' }
 */
export function slaOf(record: Pick<CaseRecord, 'createdAt' | 'priority' | 'status' | 'firstAgentReplyAt' | 'endedAt'>, policy: SlaPolicy, now: Date): CaseSla {
  const opened = Date.parse(record.createdAt);
  const allowedMs = policy.firstResponseMinutes[record.priority] * 60_000;
  const due = opened + allowedMs;
  const warning = opened + Math.round(allowedMs * policy.warningShare);
  return { firstResponseDueAt: new Date(due).toISOString(), warningAt: new Date(warning).toISOString(), state: stateAt(record, due, warning, now.getTime()) };
}

function stateAt(record: Pick<CaseRecord, 'status' | 'firstAgentReplyAt' | 'endedAt'>, due: number, warning: number, now: number): SlaState {
  // Settled by the first reply, or by the case ending without one (a closed case no longer waits).
  // A reply at the due instant is late, as the case already shows overdue then.
  const settledAt = record.firstAgentReplyAt ?? (record.status === 'closed' || record.status === 'abandoned' ? (record.endedAt ?? null) : null);
  if (settledAt !== null) return Date.parse(settledAt) < due ? SLA_STATES.met : SLA_STATES.missed;
  if (now >= due) return SLA_STATES.overdue;
  if (now >= warning) return SLA_STATES.warning;
  return SLA_STATES.on_time;
}

/**
 * Queue order with the SLA on top: overdue cases first (the longest overdue first), then the rest
 * in the order given (the desk's priority order). Stable, so equal cases keep their places.
 */
export function overdueFirst<T extends { sla: CaseSla }>(items: readonly T[]): T[] {
  const overdue = items.filter((item) => item.sla.state === SLA_STATES.overdue);
  overdue.sort((a, b) => Date.parse(a.sla.firstResponseDueAt) - Date.parse(b.sla.firstResponseDueAt));
  return [...overdue, ...items.filter((item) => item.sla.state !== SLA_STATES.overdue)];
}

/**
 * Parses "1:2,2:5,3:15" (priority:minutes) into the per-priority minutes; a priority left out keeps
 * its default. Returns the problems as text for the config error (e.g. "4:10: priority must be 1, 2 or 3").
 */
export function parseFirstResponseMinutes(text: string): { minutes: Record<HandoffPriority, number> } | { problems: string[] } {
  const minutes = { ...DEFAULT_SLA_POLICY.firstResponseMinutes };
  const problems: string[] = [];
  for (const part of text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const match = /^(\d+)\s*:\s*(\d+)$/.exec(part);
    if (!match) {
      problems.push(`'${part}' is not priority:minutes, e.g. 1:2`);
      continue;
    }
    const priority = Number(match[1]);
    const value = Number(match[2]);
    if (priority !== 1 && priority !== 2 && priority !== 3) problems.push(`'${part}': priority must be 1, 2 or 3`);
    else if (value < 1 || value > 1440) problems.push(`'${part}': minutes must be 1 to 1440`);
    else minutes[priority] = value;
  }
  return problems.length ? { problems } : { minutes };
}
