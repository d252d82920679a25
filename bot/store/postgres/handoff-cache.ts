import { WaitingQueue, wasPickedUp, type CaseRecord, type ConversationRecord, type HandoffView } from '../../../handoff/index.js';

/** A transaction's changes, by key: the whole new record, or null for deleted. */
export interface Staged {
  cases: Map<string, CaseRecord | null>;
  conversations: Map<string, ConversationRecord | null>;
}

export function emptyStaged(): Staged {
  return { cases: new Map(), conversations: new Map() };
}

export type RowKind = 'case' | 'conversation';

/**
 * One instance's copy of the handoff rows, complete up to `revision` of `generation`. Reads answer
 * from here, so a `read` costs one small query for what changed instead of loading every case.
 */
export class HandoffCache {
  cases = new Map<string, CaseRecord>();
  conversations = new Map<string, ConversationRecord>();
  /** The waiting cases in queue order, kept by `applyRow` (a customer's place, queue updates). */
  private readonly waiting = new WaitingQueue();
  /** -1: nothing loaded; the next sync loads everything. */
  revision = -1;
  generation = -1;
  /**
   * The revision of the last change seen of each key, deletions included. A sync whose snapshot
   * is older than a row this instance has just written would otherwise put the older copy back.
   */
  private readonly rowRevisions = new Map<string, number>();

  reset(generation: number): void {
    this.cases.clear();
    this.conversations.clear();
    this.rowRevisions.clear();
    this.waiting.clear();
    this.revision = 0;
    this.generation = generation;
  }

  /** The revision this copy of the row has; undefined when the row was never seen. */
  rowRevision(kind: RowKind, key: string): number | undefined {
    return this.rowRevisions.get(`${kind}:${key}`);
  }

  /** Sets one row (null: deleted) as of `revision`, unless this copy already has a newer change of it. */
  applyRow(kind: RowKind, key: string, record: CaseRecord | ConversationRecord | null, revision: number): void {
    const known = this.rowRevisions.get(`${kind}:${key}`);
    if (known !== undefined && known > revision) return;
    this.rowRevisions.set(`${kind}:${key}`, revision);
    const rows = (kind === 'case' ? this.cases : this.conversations) as Map<string, CaseRecord | ConversationRecord>;
    if (record === null) rows.delete(key);
    else rows.set(key, record);
    if (kind === 'case') this.waiting.note(key, (record as CaseRecord | null) ?? undefined);
  }

  apply(staged: Staged, revision: number): void {
    for (const [id, record] of staged.cases) this.applyRow('case', id, record, revision);
    for (const [key, record] of staged.conversations) this.applyRow('conversation', key, record, revision);
  }

  /** The cached records with `staged` over them; every record handed out is a copy. */
  view(staged: Staged = emptyStaged()): HandoffView {
    const merged = <T>(stored: Map<string, T>, changes: Map<string, T | null>): T[] => {
      // Most calls have nothing staged: no copy of every record's entry then.
      if (changes.size === 0) return [...stored.values()];
      const all = new Map<string, T | null>(stored);
      for (const [key, value] of changes) all.set(key, value);
      return [...all.values()].filter((value): value is T => value !== null);
    };
    const one = <T>(stored: Map<string, T>, changes: Map<string, T | null>, key: string): T | undefined => {
      const value = changes.has(key) ? changes.get(key) : stored.get(key);
      return value === null || value === undefined ? undefined : structuredClone(value);
    };
    const queue = this.waiting.withStaged(staged.cases);
    return {
      case: (id) => one(this.cases, staged.cases, id),
      cases: (filter = {}) =>
        merged(this.cases, staged.cases)
          .filter((record) => (filter.status ? filter.status.includes(record.status) : true))
          .filter((record) => (filter.customerKey ? record.customerKey === filter.customerKey : true))
          .filter((record) => (filter.conversationKey ? record.conversationKey === filter.conversationKey : true))
          .filter((record) => (filter.pickedUp ? wasPickedUp(record) : true))
          .filter((record) => (filter.where ? filter.where(record) : true))
          .map((record) => structuredClone(record)),
      conversation: (key) => one(this.conversations, staged.conversations, key),
      conversations: (filter = {}) =>
        merged(this.conversations, staged.conversations)
          .filter((record) => (filter.customerKey ? record.customerKey === filter.customerKey : true))
          .map((record) => structuredClone(record)),
      queuePlace: (id) => queue.place(id),
      waitingQueue: () => queue.entries(),
    };
  }
}
