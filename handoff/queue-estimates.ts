import type { CaseRecord } from './case-records.js';
import { compareQueueEntries } from './waiting-queue.js';

/** How many recent pick-ups (and handled cases) the expected wait takes the median of, and how far back they may be. */
export const EXPECTED_WAIT_SAMPLE = { cases: 20, days: 14, atLeast: 3 } as const;

/** Priority first (1 before 3), then the case that has waited longest (then the id, see `compareQueueEntries`). */
export function queueOrder(a: CaseRecord, b: CaseRecord): number {
  return compareQueueEntries(a, b);
}

/** Where a waiting case stands: its place, and how many agents are on duty (undefined: not known here). */
export interface QueueStanding {
  position: number;
  agentsOnDuty: number | undefined;
}

/**
 * Minutes the customer at `standing` can expect to wait, from the recent record of the last
 * `EXPECTED_WAIT_SAMPLE.cases` cases of the last `days` days:
 * - the first in line waits the median pick-up time (opened to claimed);
 * - with A agents on duty, place P is taken in round ceil(P / A), and every round before it costs the
 *   median handling time (claimed to closed).
 * Undefined when no agent is on duty, or there are too few pick-ups (or, for a place past the first
 * round, too few handled cases): the customer is never promised a time the service has not shown it
 * can keep. Without `standing`, the first place with one agent.
 *
 * @example
 * // pick-up median 1 min, handling median 8 min, 2 agents on duty, 11th in line: round 6
 * expectedWaitMinutes(cases, now, { position: 11, agentsOnDuty: 2 }) // 1 + 5 × 8 = 41
 */
export function expectedWaitMinutes(cases: readonly CaseRecord[], now: Date, standing: QueueStanding = { position: 1, agentsOnDuty: 1 }): number | undefined {
  const agents = standing.agentsOnDuty ?? 1;
  if (agents < 1) return undefined;
  const pickUp = recentMedian(
    cases,
    now,
    (record) => record.assignedAt,
    (record) => record.createdAt,
  );
  if (pickUp === undefined) return undefined;
  const roundsBefore = Math.ceil(Math.max(1, standing.position) / agents) - 1;
  if (roundsBefore === 0) return Math.max(1, Math.ceil(pickUp));
  const handling = recentMedian(
    cases,
    now,
    (record) => (record.status === 'closed' ? record.endedAt : undefined),
    (record) => record.assignedAt,
  );
  if (handling === undefined) return undefined;
  return Math.max(1, Math.ceil(pickUp + roundsBefore * handling));
}

/**
 * Whether `expectedWaitMinutes` (or the count of agents holding a case) can use the case: an agent
 * holds it, or it was picked up or handled within the sample's days. A caller can copy only these
 * out of the store: a case that was never picked up (every waiting one) never counts.
 */
export function countsTowardsExpectedWait(record: Readonly<CaseRecord>, now: Date): boolean {
  if (record.status === 'assigned' && record.agent) return true;
  if (!record.assignedAt) return false;
  const since = now.getTime() - EXPECTED_WAIT_SAMPLE.days * 86_400_000;
  return Date.parse(record.assignedAt) >= since || (record.status === 'closed' && record.endedAt !== undefined && Date.parse(record.endedAt) >= since);
}

/** Median minutes from `from` to `to` over the recent cases that have both (by `to`, newest first), or undefined with too few. */
function recentMedian(
  cases: readonly CaseRecord[],
  now: Date,
  to: (record: CaseRecord) => string | undefined,
  from: (record: CaseRecord) => string | undefined,
): number | undefined {
  const since = now.getTime() - EXPECTED_WAIT_SAMPLE.days * 86_400_000;
  const spans = cases
    .flatMap((record) => {
      const end = to(record);
      const start = from(record);
      return end && start && Date.parse(end) >= since ? [{ end, minutes: (Date.parse(end) - Date.parse(start)) / 60_000 }] : [];
    })
    .sort((a, b) => b.end.localeCompare(a.end))
    .slice(0, EXPECTED_WAIT_SAMPLE.cases)
    .map((span) => span.minutes);
  return spans.length < EXPECTED_WAIT_SAMPLE.atLeast ? undefined : median(spans);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
