import { readFile } from 'node:fs/promises';
import type { Low } from 'lowdb';
import { z } from 'zod';
import {
  caseRecordShape,
  conversationRecordShape,
  type CaseRecord,
  type ConversationRecord,
  type HandoffStore,
  type HandoffTransaction,
  type HandoffView,
  type QueueEntry,
  WaitingQueue,
  wasPickedUp,
} from '../../handoff/index.js';
import { openJsonDatabase, StoreFileError, writeJsonDurably } from './json-database.js';
import { JournalFile, type OpenJournal } from './journal-file.js';
import type { WriteReporter } from './storage-health.js';

interface HandoffFile {
  version: 1;
  nextCaseNumber: number;
  cases: Record<string, CaseRecord>;
  conversations: Record<string, ConversationRecord>;
}

const EMPTY: HandoffFile = { version: 1, nextCaseNumber: 1, cases: {}, conversations: {} };

// Enough to refuse a file that is not ours or was cut short, and a record outside the domain's
// unions, without re-checking every field on start-up (handoff/case-record-shapes.ts).
const caseShape = caseRecordShape;
const conversationShape = conversationRecordShape;
const fileShape = z.object({
  version: z.literal(1),
  nextCaseNumber: z.number().int().positive(),
  cases: z.record(z.string(), caseShape),
  conversations: z.record(z.string(), conversationShape),
});
// A line that is JSON but not ours (`{"cases":null}`, `[]`) would otherwise fail deep inside the
// replay with "Cannot convert undefined or null to object", naming neither the file nor the line (review L9).
const journalEntryShape = z.object({
  cases: z.record(z.string(), caseShape.nullable()),
  conversations: z.record(z.string(), conversationShape.nullable()),
  nextCaseNumber: z.number().int().positive(),
});

/** One transaction's changes, as one line of the journal: full records, null for deleted. */
interface JournalEntry {
  cases: Record<string, CaseRecord | null>;
  conversations: Record<string, ConversationRecord | null>;
  nextCaseNumber: number;
}

/** Journal lines after which the snapshot is rewritten and the journal emptied. */
export const COMPACT_AFTER_ENTRIES = 2000;

/** The name this store reports its writes under (`/healthz`, the log). */
export const HANDOFF_STORE_NAME = 'handoff journal';

export interface HandoffStoreOptions {
  /** How the journal file is opened; tests pass one that fails or counts fsyncs. */
  openJournal?: OpenJournal;
  /** Told about every journal write and compaction, for `/healthz`. */
  health?: WriteReporter;
}

/** A transaction waiting for its turn, and the promise it settles. */
interface Waiting {
  change: (tx: HandoffTransaction) => unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** A transaction applied to memory whose line is not yet on disk. */
interface Staged {
  waiting: Waiting;
  result: unknown;
  line: string;
  undo(): void;
}

/**
 * The handoff data as a lowdb snapshot (`DATA_DIR/handoff.json`) plus a journal beside it
 * (`handoff.json.journal`): each transaction appends one line with the records it changed, so a
 * turn costs one small append however many conversations are stored, instead of rewriting the
 * whole file. Every `COMPACT_AFTER_ENTRIES` transactions, at start-up and on request (erasure),
 * the snapshot is rewritten and the journal emptied; replaying a line twice is harmless because
 * lines hold whole records.
 *
 * Transactions run strictly one after another in memory. Their lines are written in groups: every
 * transaction that arrived while the previous group was being written goes into the next one, with
 * one write and one fsync for all of them (group commit), and each resolves only after that fsync,
 * so a resolved `transact` survives a power cut. When a group cannot be written, every transaction
 * in it is rolled back (newest first) and rejected, and its bytes are cut from the file. A line cut
 * short by a crash was never acknowledged and is dropped at start-up; any other unreadable line
 * stops start-up. One process per DATA_DIR.
 */
export class LowdbHandoffStore implements HandoffStore {
  private readonly waiting: Waiting[] = [];
  private readonly compactions: { resolve(): void; reject(error: unknown): void }[] = [];
  private draining = false;
  private entries = 0;
  /**
   * Case ids by customer, in the order the cases were stored. Opening a case looks up the customer's
   * earlier cases; scanning every case for them grew with the store and was the largest part of a
   * handoff turn's CPU at a few thousand cases. Built at start-up and kept by `commitCases`, the one
   * path by which cases change.
   */
  private readonly casesByCustomer = new Map<string, Set<string>>();
  /** The waiting cases in queue order, kept by `commitCases` too (a customer's place, queue updates). */
  private readonly waitingQueue = new WaitingQueue();
  /**
   * Ids of the cases an agent holds or has taken at some time (`wasPickedUp`), kept by `commitCases` too: the
   * expected wait told at every handoff looks at these, and scanning every case for them grew with the queue.
   */
  private readonly pickedUpCases = new Set<string>();

  private constructor(
    private readonly db: Low<HandoffFile>,
    private readonly file: string,
    private readonly journal: JournalFile,
    private readonly health: WriteReporter | undefined,
  ) {}

  static async open(file: string, options: HandoffStoreOptions = {}): Promise<LowdbHandoffStore> {
    const db = await openJsonDatabase<HandoffFile>(file, EMPTY);
    const shape = fileShape.safeParse(db.data);
    if (!shape.success) {
      const issue = shape.error.issues[0]!;
      throw new StoreFileError(file, `it is not a Vastaa handoff file (${issue.path.join('.') || 'top level'}: ${issue.message})`);
    }
    const store = new LowdbHandoffStore(db, file, new JournalFile(`${file}.journal`, options.openJournal), options.health);
    if (await store.replayJournal()) await store.compactNow();
    for (const record of Object.values(store.db.data.cases)) store.indexCase(record.id, undefined, record);
    return store;
  }

  private async replayJournal(): Promise<boolean> {
    const journal = this.journal.file;
    let text: string;
    try {
      text = await readFile(journal, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw new StoreFileError(journal, (error as Error).message);
    }
    const lines = text.split('\n');
    // Whatever follows the last newline is a write cut short: never acknowledged, so dropped.
    lines.pop();
    lines.forEach((line, index) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (error) {
        throw new StoreFileError(journal, `line ${index + 1} is not valid JSON (${(error as Error).message})`);
      }
      const shape = journalEntryShape.safeParse(parsed);
      if (!shape.success) {
        const issue = shape.error.issues[0]!;
        throw new StoreFileError(journal, `line ${index + 1} is not a Vastaa journal entry (${issue.path.join('.') || 'top level'}: ${issue.message})`);
      }
      // The parsed line, not zod's copy: the check covers the fields it needs, the records keep all of theirs.
      const entry = parsed as JournalEntry;
      commit(this.db.data.cases, new Map(Object.entries(entry.cases)));
      commit(this.db.data.conversations, new Map(Object.entries(entry.conversations)));
      this.db.data.nextCaseNumber = Math.max(this.db.data.nextCaseNumber, entry.nextCaseNumber);
    });
    return text.length > 0;
  }

  /**
   * Snapshot first (fsynced, renamed, folder fsynced), then empty the journal: a crash in between
   * only replays lines already in the snapshot.
   */
  private async compactNow(): Promise<void> {
    await writeJsonDurably(this.file, this.db.data);
    await this.journal.empty();
    this.entries = 0;
  }

  /**
   * Rewrites the snapshot from what is stored now and empties the journal, after every transaction
   * queued before it. Erasure calls it so deleted records leave the disk at once instead of staying
   * in the journal until the next compaction (review M7).
   */
  compact(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.compactions.push({ resolve, reject });
      this.drain();
    });
  }

  async read<T>(query: (view: HandoffView) => T): Promise<T> {
    return query(viewOf(records(this.db.data.cases), records(this.db.data.conversations), this.indexes(this.waitingQueue)));
  }

  transact<T>(change: (tx: HandoffTransaction) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ change, resolve: resolve as (value: unknown) => void, reject });
      this.drain();
    });
  }

  /** One group at a time; `draining` is set before the first await so a second caller only queues. */
  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    void this.writeGroups().finally(() => {
      this.draining = false;
      // Queued between the loop's last check and here.
      if (this.waiting.length > 0 || this.compactions.length > 0) this.drain();
    });
  }

  private async writeGroups(): Promise<void> {
    while (this.waiting.length > 0 || this.compactions.length > 0) {
      if (this.waiting.length > 0) await this.writeGroup(this.waiting.splice(0));
      if (this.compactions.length > 0) await this.compactFor(this.compactions.splice(0));
      // The changes are safe in the journal already; a failed compaction is tried again after the next group.
      else if (this.entries >= COMPACT_AFTER_ENTRIES) await this.compactFor([]);
    }
  }

  private async writeGroup(group: Waiting[]): Promise<void> {
    const staged: Staged[] = [];
    const readOnly: { waiting: Waiting; result: unknown }[] = [];
    for (const waiting of group) {
      try {
        const applied = this.apply(waiting.change);
        if (applied.line === null) readOnly.push({ waiting, result: applied.result });
        else staged.push({ waiting, result: applied.result, line: applied.line, undo: applied.undo });
      } catch (error) {
        waiting.reject(error);
      }
    }
    if (staged.length > 0) {
      try {
        await this.journal.append(staged.map((each) => each.line).join(''));
        this.health?.succeeded(HANDOFF_STORE_NAME);
      } catch (error) {
        // Not on disk, so not acknowledged: put memory back to what the files hold, newest first,
        // and fail the reads of this group too, since they may have seen the lost changes.
        for (const each of [...staged].reverse()) each.undo();
        this.health?.failed(HANDOFF_STORE_NAME, error);
        for (const each of [...staged, ...readOnly]) each.waiting.reject(error);
        return;
      }
      this.entries += staged.length;
    }
    for (const each of [...staged, ...readOnly]) each.waiting.resolve(each.result);
  }

  private async compactFor(requests: { resolve(): void; reject(error: unknown): void }[]): Promise<void> {
    try {
      await this.compactNow();
      this.health?.succeeded(HANDOFF_STORE_NAME);
      for (const request of requests) request.resolve();
    } catch (error) {
      this.health?.failed(HANDOFF_STORE_NAME, error);
      for (const request of requests) request.reject(error);
    }
  }

  /** Stores staged cases (null = delete) and keeps the customer index in step. */
  private commitCases(staged: Map<string, CaseRecord | null>): void {
    const stored = this.db.data.cases;
    for (const [id, record] of staged) this.indexCase(id, Object.hasOwn(stored, id) ? stored[id] : undefined, record ?? undefined);
    commit(stored, staged);
  }

  private indexes(queue: CaseIndexes['queue']): CaseIndexes {
    return { byCustomer: this.casesByCustomer, pickedUp: this.pickedUpCases, queue };
  }

  private indexCase(id: string, before: CaseRecord | undefined, after: CaseRecord | undefined): void {
    this.waitingQueue.note(id, after);
    if (after && wasPickedUp(after)) this.pickedUpCases.add(id);
    else this.pickedUpCases.delete(id);
    if (before && before.customerKey !== after?.customerKey) {
      const ids = this.casesByCustomer.get(before.customerKey);
      ids?.delete(id);
      if (ids?.size === 0) this.casesByCustomer.delete(before.customerKey);
    }
    if (after) {
      let ids = this.casesByCustomer.get(after.customerKey);
      if (!ids) this.casesByCustomer.set(after.customerKey, (ids = new Set()));
      ids.add(id);
    }
  }

  /** Runs one transaction against memory; returns its journal line (null when it changed nothing) and how to undo it. */
  private apply(change: (tx: HandoffTransaction) => unknown): { result: unknown; line: string | null; undo(): void } {
    const data = this.db.data;
    const cases = new Map<string, CaseRecord | null>();
    const conversations = new Map<string, ConversationRecord | null>();
    let nextCaseNumber = data.nextCaseNumber;
    const tx: HandoffTransaction = {
      ...viewOf(records(data.cases, cases), records(data.conversations, conversations), this.indexes(this.waitingQueue.withStaged(cases))),
      putCase: (record) => void cases.set(record.id, structuredClone(record)),
      putConversation: (record) => void conversations.set(record.key, structuredClone(record)),
      deleteCase: (id) => void cases.set(id, null),
      deleteConversation: (key) => void conversations.set(key, null),
      nextCaseNumber: () => nextCaseNumber++,
    };
    const result = change(tx);
    if (cases.size === 0 && conversations.size === 0 && nextCaseNumber === data.nextCaseNumber) return { result, line: null, undo: () => undefined };

    const before = { cases: previous(data.cases, cases), conversations: previous(data.conversations, conversations), nextCaseNumber: data.nextCaseNumber };
    this.commitCases(cases);
    commit(data.conversations, conversations);
    data.nextCaseNumber = nextCaseNumber;
    const entry: JournalEntry = { cases: Object.fromEntries(cases), conversations: Object.fromEntries(conversations), nextCaseNumber };
    return {
      result,
      line: `${JSON.stringify(entry)}\n`,
      undo: () => {
        this.commitCases(before.cases);
        commit(data.conversations, before.conversations);
        data.nextCaseNumber = before.nextCaseNumber;
      },
    };
  }
}

/** Stored records with a transaction's staged changes over them (null = deleted). */
interface Records<T> {
  get(key: string): T | undefined;
  /**
   * The records `keep` accepts, staged changes applied, in the store's order (stored first, then new
   * ones). `among`: the stored keys an index says can match, looked at instead of every key (then a
   * stored record this transaction changed so that it matches comes last).
   */
  matching(keep: (record: T) => boolean, among?: Iterable<string>): T[];
}

function records<T>(stored: Record<string, T>, staged = new Map<string, T | null>()): Records<T> {
  return {
    // Object.hasOwn: case ids come from URLs, and `stored['constructor']` would be the Object function.
    get: (key) => (staged.has(key) ? (staged.get(key) ?? undefined) : Object.hasOwn(stored, key) ? stored[key] : undefined),
    // One pass without copying the store first: a handoff asks for the customer's earlier cases and
    // the waiting ones, and copying every record into a merged map for that was 13 % of a handoff turn's CPU.
    matching: (keep, among) => {
      const found: T[] = [];
      const candidates = among ? new Set(among) : undefined;
      for (const key of candidates ?? Object.keys(stored)) {
        if (!Object.hasOwn(stored, key)) continue;
        const value = staged.has(key) ? staged.get(key) : stored[key];
        if (value !== null && value !== undefined && keep(value)) found.push(value);
      }
      // Staged records not looked at above: new ones, and (with an index) stored ones this transaction changed.
      for (const [key, value] of staged) {
        if (value === null || (Object.hasOwn(stored, key) && (!candidates || candidates.has(key)))) continue;
        if (keep(value)) found.push(value);
      }
      return found;
    },
  };
}

/** What the store keeps beside the records so that common reads need not look at every case. */
interface CaseIndexes {
  byCustomer: ReadonlyMap<string, ReadonlySet<string>>;
  pickedUp: ReadonlySet<string>;
  queue: { place(id: string): number | undefined; entries(): QueueEntry[] };
}

function viewOf(cases: Records<CaseRecord>, conversations: Records<ConversationRecord>, indexes: CaseIndexes): HandoffView {
  return {
    case: (id) => clone(cases.get(id)),
    cases: (filter = {}) =>
      cases
        .matching(
          (record) =>
            (!filter.status || filter.status.includes(record.status)) &&
            (!filter.customerKey || record.customerKey === filter.customerKey) &&
            (!filter.conversationKey || record.conversationKey === filter.conversationKey) &&
            (!filter.pickedUp || wasPickedUp(record)) &&
            (!filter.where || filter.where(record)),
          // The indexes know the stored cases only; staged ones are still checked by `keep`.
          filter.customerKey ? (indexes.byCustomer.get(filter.customerKey) ?? []) : filter.pickedUp ? indexes.pickedUp : undefined,
        )
        .map((record) => structuredClone(record)),
    conversation: (key) => clone(conversations.get(key)),
    conversations: (filter = {}) =>
      conversations.matching((record) => !filter.customerKey || record.customerKey === filter.customerKey).map((record) => structuredClone(record)),
    queuePlace: (id) => indexes.queue.place(id),
    waitingQueue: () => indexes.queue.entries(),
  };
}

function clone<T>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : structuredClone(value);
}

function previous<T>(stored: Record<string, T>, staged: Map<string, T | null>): Map<string, T | null> {
  return new Map([...staged.keys()].map((key) => [key, Object.hasOwn(stored, key) ? stored[key]! : null]));
}

function commit<T>(stored: Record<string, T>, staged: Map<string, T | null>): void {
  for (const [key, value] of staged) {
    if (value === null) delete stored[key];
    else stored[key] = value;
  }
}
