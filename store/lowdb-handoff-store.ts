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

/**
 * The handoff data in one lowdb JSON file (`DATA_DIR/handoff.json`). Transactions run strictly one
 * after another and each ends with the file written (steno: temporary file, then rename), so a
 * resolved `transact` is on disk and a crash mid-write leaves the previous version. One process
 * per DATA_DIR: a second process would not see the first one's changes.
 */
export class LowdbHandoffStore implements HandoffStore {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly db: Low<HandoffFile>) {}

  static async open(file: string): Promise<LowdbHandoffStore> {
    const db = await openJsonDatabase<HandoffFile>(file, EMPTY);
    const shape = fileShape.safeParse(db.data);
    if (!shape.success) {
      const issue = shape.error.issues[0]!;
      throw new StoreFileError(file, `it is not a Vastaa handoff file (${issue.path.join('.') || 'top level'}: ${issue.message})`);
    }
    return new LowdbHandoffStore(db);
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
    try {
      await this.db.write();
    } catch (error) {
      // Not on disk, so not acknowledged: put memory back to what the file holds.
      commit(data.cases, before.cases);
      commit(data.conversations, before.conversations);
      data.nextCaseNumber = before.nextCaseNumber;
      throw error;
    }
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
    get: (key) => (staged.has(key) ? (staged.get(key) ?? undefined) : stored[key]),
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
  return new Map([...staged.keys()].map((key) => [key, stored[key] ?? null]));
}

function commit<T>(stored: Record<string, T>, staged: Map<string, T | null>): void {
  for (const [key, value] of staged) {
    if (value === null) delete stored[key];
    else stored[key] = value;
  }
}
