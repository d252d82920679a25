import type { CaseRecord, ConversationKey, ConversationRecord, CustomerKey } from './case-records.js';
import type { CaseStatus } from './case-status.js';
import type { QueueEntry } from './waiting-queue.js';

/** Reads of the handoff data, within one consistent moment. */
export interface HandoffView {
  case(id: string): CaseRecord | undefined;
  /**
   * Copies of the cases that pass every filter given. `where` is asked about each stored case before
   * it is copied (it must only look at the record), so a caller that needs a few of many cases copies
   * only those.
   */
  cases(filter?: {
    status?: readonly CaseStatus[];
    customerKey?: CustomerKey;
    conversationKey?: ConversationKey;
    /** Only cases an agent holds or has taken at some time (`wasPickedUp`), whatever their status now. */
    pickedUp?: true;
    where?: (record: Readonly<CaseRecord>) => boolean;
  }): CaseRecord[];
  conversation(key: ConversationKey): ConversationRecord | undefined;
  conversations(filter?: { customerKey?: CustomerKey }): ConversationRecord[];
  /**
   * 1-based place of a waiting case in the queue (`queueOrder`); undefined when it is not waiting.
   * Answered from an index the store keeps, without copying or sorting the waiting cases.
   */
  queuePlace(id: string): number | undefined;
  /** The waiting cases' ids (with what orders them), in queue order; no record is copied. */
  waitingQueue(): QueueEntry[];
}

/** Reads and changes inside one transaction; changes are kept only if the whole function succeeds. */
export interface HandoffTransaction extends HandoffView {
  putCase(record: CaseRecord): void;
  putConversation(record: ConversationRecord): void;
  deleteCase(id: string): void;
  deleteConversation(key: ConversationKey): void;
  /** Increasing per store, for readable case ids. */
  nextCaseNumber(): number;
}

/**
 * Where cases and conversation records live. The lowdb file is the default; a server database can
 * take its place by implementing these two calls with a real transaction.
 *
 * Guarantees callers rely on:
 * - `transact` runs one change at a time, so two agents claiming one case cannot both win;
 * - when it resolves, the change is on disk, fsynced (an acknowledged case survives kill -9 and a power cut);
 * - when the function throws, or the change cannot be written, nothing of it is kept.
 */
export interface HandoffStore {
  read<T>(query: (view: HandoffView) => T): Promise<T>;
  transact<T>(change: (tx: HandoffTransaction) => T): Promise<T>;
  /**
   * Drops what the store keeps of earlier versions of records (a journal, a log) so that deleted
   * records are gone from disk when it resolves; erasure (GDPR) relies on it.
   */
  compact(): Promise<void>;
}
