import type { CaseRecord } from './case-records.js';

/** How many recent pick-ups the expected wait is the median of, and how far back they may be. */
export const EXPECTED_WAIT_SAMPLE = { cases: 20, days: 14, atLeast: 3 } as const;

/** Priority first (1 before 3), then the case that has waited longest. */
export function queueOrder(a: CaseRecord, b: CaseRecord): number {
  return a.priority - b.priority || a.createdAt.localeCompare(b.createdAt);
}

/** 1-based place of a case among the waiting ones (in any order); undefined when it is not waiting. */
export function queuePosition(waiting: readonly CaseRecord[], caseId: string): number | undefined {
  const index = [...waiting].sort(queueOrder).findIndex((record) => record.id === caseId);
  return index < 0 ? undefined : index + 1;
}

/**
 * Minutes an agent has recently taken to pick up a case: the median over the last
 * `EXPECTED_WAIT_SAMPLE.cases` pick-ups of the last `days` days. Undefined with too few of them,
 * so the customer is never promised a time the service has not shown it can keep.
 */
export function expectedWaitMinutes(cases: readonly CaseRecord[], now: Date): number | undefined {
  const since = now.getTime() - EXPECTED_WAIT_SAMPLE.days * 86_400_000;
  const waits = cases
    .filter((record) => record.assignedAt && Date.parse(record.assignedAt) >= since)
    .sort((a, b) => b.assignedAt!.localeCompare(a.assignedAt!))
    .slice(0, EXPECTED_WAIT_SAMPLE.cases)
    .map((record) => (Date.parse(record.assignedAt!) - Date.parse(record.createdAt)) / 60_000);
  if (waits.length < EXPECTED_WAIT_SAMPLE.atLeast) return undefined;
  return Math.max(1, Math.ceil(median(waits)));
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
