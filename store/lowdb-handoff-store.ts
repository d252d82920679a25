import { appendFile, readFile, writeFile } from 'node:fs/promises';
import type { Low } from 'lowdb';
import { z } from 'zod';
import type { CaseRecord, ConversationRecord } from './handoff-records.js';
import type { HandoffStore, HandoffTransaction, HandoffView } from './handoff-store.js';
import { openJsonDatabase, StoreFileError } from './json-database.js';

interface HandoffFile {
  version: 1;
  nextCaseNumber: number;
  cases: Record<string, CaseRecord>;
  conversations: Record<string, ConversationRecord>;
}

const EMPTY: HandoffFile = { version: 1, nextCaseNumber: 1, cases: {}, conversations: {} };

// Enough to refuse a file that is not ours or was cut short, without re-checking every field on start-up.
const fileShape = z.object({
  version: z.literal(1),
  nextCaseNumber: z.number().int().positive(),
  cases: z.record(z.string(), z.object({ id: z.string(), status: z.enum(['waiting', 'assigned', 'closed', 'abandoned']), conversationKey: z.string() })),
  conversations: z.record(z.string(), z.object({ key: z.string(), owner: z.enum(['bot', 'queued', 'agent', 'closed']) })),
});

/** One transaction's changes, as one line of the journal: full records, null for deleted. */
interface JournalEntry {
  cases: Record<string, CaseRecord | null>;
  conversations: Record<string, ConversationRecord | null>;
  nextCaseNumber: number;
}

/** Journal lines after which the snapshot is rewritten and the journal emptied. */
export const COMPACT_AFTER_ENTRIES = 2000;

/**
 * The handoff data as a lowdb snapshot (`DATA_DIR/handoff.json`) plus a journal beside it
 * (`handoff.json.journal`): each transaction appends one line with the records it changed, so a
 * turn costs one small append however many conversations are stored, instead of rewriting the
 * whole file. Every `COMPACT_AFTER_ENTRIES` transactions, and at start-up, the snapshot is
 * rewritten (steno: temporary file, then rename) and the journal emptied; replaying a line twice is
 * harmless because lines hold whole records.
 *
 * Transactions run strictly one after another and resolve once their line is written, so a
 * resolved `transact` survives kill -9. A line cut short by a crash was never acknowledged and is
 * dropped at start-up; any other unreadable line stops start-up. One process per DATA_DIR.
 */
export class LowdbHandoffStore implements HandoffStore {
  private queue: Promise<unknown> = Promise.resolve();
  private entries = 0;

  private constructor(
    private readonly db: Low<HandoffFile>,
    private readonly journal: string,
  ) {}

  static async open(file: string): Promise<LowdbHandoffStore> {
    const db = await openJsonDatabase<HandoffFile>(file, EMPTY);
    const shape = fileShape.safeParse(db.data);
    if (!shape.success) {
      const issue = shape.error.issues[0]!;
      throw new StoreFileError(file, `it is not a Vastaa handoff file (${issue.path.join('.') || 'top level'}: ${issue.message})`);
    }
    const store = new LowdbHandoffStore(db, `${file}.journal`);
    if (await store.replayJournal()) await store.compact();
    return store;
  }

  private async replayJournal(): Promise<boolean> {
    let text: string;
    try {
      text = await readFile(this.journal, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw new StoreFileError(this.journal, (error as Error).message);
    }
    const lines = text.split('\n');
    // Whatever follows the last newline is a write cut short: never acknowledged, so dropped.
    lines.pop();
    lines.forEach((line, index) => {
      let entry: JournalEntry;
      try {
        entry = JSON.parse(line) as JournalEntry;
      } catch (error) {
        throw new StoreFileError(this.journal, `line ${index + 1} is not valid JSON (${(error as Error).message})`);
      }
      commit(this.db.data.cases, new Map(Object.entries(entry.cases)));
      commit(this.db.data.conversations, new Map(Object.entries(entry.conversations)));
      this.db.data.nextCaseNumber = Math.max(this.db.data.nextCaseNumber, entry.nextCaseNumber);
    });
    return text.length > 0;
  }

  /** Snapshot first, then empty the journal: a crash in between only replays lines already in it. */
  private async compact(): Promise<void> {
    await this.db.write();
    await writeFile(this.journal, '');
    this.entries = 0;
  }

  async read<T>(query: (view: HandoffView) => T): Promise<T> {
    return query(viewOf(records(this.db.data.cases), records(this.db.data.conversations)));
  }

  transact<T>(change: (tx: HandoffTransaction) => T): Promise<T> {
    const run = this.queue.then(() => this.apply(change));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async apply<T>(change: (tx: HandoffTransaction) => T): Promise<T> {
    const data = this.db.data;
    const cases = new Map<string, CaseRecord | null>();
    const conversations = new Map<string, ConversationRecord | null>();
    let nextCaseNumber = data.nextCaseNumber;
    const tx: HandoffTransaction = {
      ...viewOf(records(data.cases, cases), records(data.conversations, conversations)),
      putCase: (record) => void cases.set(record.id, structuredClone(record)),
      putConversation: (record) => void conversations.set(record.key, structuredClone(record)),
      deleteCase: (id) => void cases.set(id, null),
      deleteConversation: (key) => void conversations.set(key, null),
      nextCaseNumber: () => nextCaseNumber++,
    };
    const result = change(tx);
    if (cases.size === 0 && conversations.size === 0 && nextCaseNumber === data.nextCaseNumber) return result;

    const before = { cases: previous(data.cases, cases), conversations: previous(data.conversations, conversations), nextCaseNumber: data.nextCaseNumber };
    commit(data.cases, cases);
    commit(data.conversations, conversations);
    data.nextCaseNumber = nextCaseNumber;
    const entry: JournalEntry = { cases: Object.fromEntries(cases), conversations: Object.fromEntries(conversations), nextCaseNumber };
    try {
      await appendFile(this.journal, `${JSON.stringify(entry)}\n`);
    } catch (error) {
      // Not on disk, so not acknowledged: put memory back to what the files hold.
      commit(data.cases, before.cases);
      commit(data.conversations, before.conversations);
      data.nextCaseNumber = before.nextCaseNumber;
      throw error;
    }
    // The change is safe in the journal already; a failed compaction is tried again after the next one.
    if (++this.entries >= COMPACT_AFTER_ENTRIES) await this.compact().catch(() => undefined);
    return result;
  }
}

/** Stored records with a transaction's staged changes over them (null = deleted). */
interface Records<T> {
  get(key: string): T | undefined;
  all(): T[];
}

function records<T>(stored: Record<string, T>, staged = new Map<string, T | null>()): Records<T> {
  return {
    // Object.hasOwn: case ids come from URLs, and `stored['constructor']` would be the Object function.
    get: (key) => (staged.has(key) ? (staged.get(key) ?? undefined) : Object.hasOwn(stored, key) ? stored[key] : undefined),
    all: () => {
      const merged = new Map<string, T | null>(Object.entries(stored));
      for (const [key, value] of staged) merged.set(key, value);
      return [...merged.values()].filter((value): value is T => value !== null);
    },
  };
}

function viewOf(cases: Records<CaseRecord>, conversations: Records<ConversationRecord>): HandoffView {
  return {
    case: (id) => clone(cases.get(id)),
    cases: (filter = {}) =>
      cases
        .all()
        .filter((record) => (filter.status ? filter.status.includes(record.status) : true))
        .filter((record) => (filter.customerKey ? record.customerKey === filter.customerKey : true))
        .filter((record) => (filter.conversationKey ? record.conversationKey === filter.conversationKey : true))
        .map((record) => structuredClone(record)),
    conversation: (key) => clone(conversations.get(key)),
    conversations: (filter = {}) =>
      conversations
        .all()
        .filter((record) => (filter.customerKey ? record.customerKey === filter.customerKey : true))
        .map((record) => structuredClone(record)),
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
