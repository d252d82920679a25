import type { CaseRecord } from './case-records.js';
import type { HandoffPriority } from './escalation-policy.js';

/** What orders a waiting case in the queue, without the rest of its record. */
export interface QueueEntry {
  readonly id: string;
  readonly priority: HandoffPriority;
  readonly createdAt: string;
}

/**
 * Priority first (1 before 3), then the case that has waited longest, then the case id: a total
 * order, so every store and every sort puts cases opened in the same millisecond in the same places.
 * ISO times and ids compare as text (code units, not locale rules: the same in every process).
 */
export function compareQueueEntries(a: QueueEntry, b: QueueEntry): number {
  return a.priority - b.priority || compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function entryOf(record: CaseRecord): QueueEntry {
  return { id: record.id, priority: record.priority, createdAt: record.createdAt };
}

/** A case's staged new version in a transaction; null when the transaction deletes it. */
export type StagedCases = ReadonlyMap<string, CaseRecord | null>;

/**
 * The waiting cases in queue order, by id, kept by a handoff store on every case it stores or
 * deletes. Finding a customer's place is a binary search, and listing the queue hands out these
 * small entries: before it, every handoff turn and every queue update copied and sorted every
 * waiting case, so a turn's cost grew with the queue (issue 14).
 */
export class WaitingQueue {
  /** Sorted by `compareQueueEntries`. */
  private readonly order: QueueEntry[] = [];
  private readonly byId = new Map<string, QueueEntry>();

  /** Notes the stored version of case `id` (undefined: deleted): in the queue while it is waiting. */
  note(id: string, record: CaseRecord | undefined): void {
    const known = this.byId.get(id);
    const next = record?.status === 'waiting' ? entryOf(record) : undefined;
    if (known && next && compareQueueEntries(known, next) === 0) return;
    if (known) {
      this.order.splice(this.countBefore(known), 1);
      this.byId.delete(id);
    }
    if (next) {
      this.order.splice(this.countBefore(next), 0, next);
      this.byId.set(id, next);
    }
  }

  clear(): void {
    this.order.length = 0;
    this.byId.clear();
  }

  /** 1-based place of case `id`, undefined when it is not waiting. */
  place(id: string): number | undefined {
    const entry = this.byId.get(id);
    return entry ? this.countBefore(entry) + 1 : undefined;
  }

  /** The waiting cases in queue order (a copy of the list; the entries themselves never change). */
  entries(): QueueEntry[] {
    return [...this.order];
  }

  /**
   * The queue as a transaction sees it: the stored cases with `staged` over them, as `staged` is at
   * each call (the transaction goes on staging). Costs a binary search plus a look at each staged
   * case (a transaction stages a few).
   */
  withStaged(staged: StagedCases): { place(id: string): number | undefined; entries(): QueueEntry[] } {
    const stagedWaiting = () => [...staged.values()].flatMap((record) => (record?.status === 'waiting' ? [entryOf(record)] : []));
    return {
      place: (id) => {
        if (staged.size === 0) return this.place(id);
        const waiting = stagedWaiting();
        const entry = staged.has(id) ? waiting.find((each) => each.id === id) : this.byId.get(id);
        if (!entry) return undefined;
        let before = this.countBefore(entry);
        // The stored versions of staged cases do not count: their staged versions do.
        for (const key of staged.keys()) {
          const stored = this.byId.get(key);
          if (stored && compareQueueEntries(stored, entry) < 0) before -= 1;
        }
        before += waiting.filter((each) => compareQueueEntries(each, entry) < 0).length;
        return before + 1;
      },
      entries: () =>
        staged.size === 0 ? this.entries() : [...this.order.filter((entry) => !staged.has(entry.id)), ...stagedWaiting()].sort(compareQueueEntries),
    };
  }

  /** How many waiting cases come before `entry` (its index when it is in the queue). */
  private countBefore(entry: QueueEntry): number {
    let low = 0;
    let high = this.order.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareQueueEntries(this.order[middle]!, entry) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
