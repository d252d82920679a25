import { toJsonb } from './jsonb.js';
import type { Pool, PoolClient } from 'pg';
import type { CaseRecord, ConversationRecord, HandoffStore, HandoffTransaction, HandoffView } from '../../../handoff/index.js';
import type { WriteReporter } from '../storage-health.js';
import { emptyStaged, HandoffCache, type RowKind, type Staged } from './handoff-cache.js';
import { writeHandoffRow, type RowExpectation } from './handoff-row-write.js';

/** The name this store reports its writes under (`/healthz`, the log). */
export const POSTGRES_HANDOFF_STORE_NAME = 'handoff database';

interface Meta {
  nextCaseNumber: number;
  revision: number;
  generation: number;
}

// Everything changed since a revision, and the counters, in one statement: one snapshot, so the
// cache never mixes two moments. Deletions come as `deleted-*` rows with the key only.
const CHANGES_SINCE = `
  SELECT 'case' AS kind, id AS key, record, revision::float8 AS revision FROM handoff_cases WHERE revision > $1
  UNION ALL SELECT 'conversation', key, record, revision::float8 FROM handoff_conversations WHERE revision > $1
  UNION ALL SELECT 'deleted-' || kind, key, NULL, revision::float8 FROM handoff_deletions WHERE revision > $1
  UNION ALL SELECT 'meta', NULL, jsonb_build_object('nextCaseNumber', next_case_number, 'generation', generation), revision::float8 FROM handoff_meta`;

// One statement, one round trip. Put and deleted keys never overlap (a transaction keeps one value
// per key), so no row is touched twice.
const WRITE = `
  WITH put_cases AS (
    INSERT INTO handoff_cases (id, record, revision) SELECT r->>'id', r, $5 FROM jsonb_array_elements($1::jsonb) AS r
    ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record, revision = EXCLUDED.revision
  ), put_conversations AS (
    INSERT INTO handoff_conversations (key, record, revision) SELECT r->>'key', r, $5 FROM jsonb_array_elements($2::jsonb) AS r
    ON CONFLICT (key) DO UPDATE SET record = EXCLUDED.record, revision = EXCLUDED.revision
  ), gone_cases AS (
    DELETE FROM handoff_cases WHERE id = ANY($3::text[])
  ), gone_conversations AS (
    DELETE FROM handoff_conversations WHERE key = ANY($4::text[])
  ), unmark AS (
    DELETE FROM handoff_deletions
    WHERE (kind = 'case' AND key IN (SELECT r->>'id' FROM jsonb_array_elements($1::jsonb) AS r))
       OR (kind = 'conversation' AND key IN (SELECT r->>'key' FROM jsonb_array_elements($2::jsonb) AS r))
  ), mark AS (
    INSERT INTO handoff_deletions (kind, key, revision)
    SELECT 'case', k, $5 FROM unnest($3::text[]) AS k UNION ALL SELECT 'conversation', k, $5 FROM unnest($4::text[]) AS k
    ON CONFLICT (kind, key) DO UPDATE SET revision = EXCLUDED.revision
  )
  UPDATE handoff_meta SET revision = $5, next_case_number = $6 WHERE id = 1`;

const LOCK_META = 'SELECT 1 FROM handoff_meta WHERE id = 1 FOR UPDATE';

export interface PostgresHandoffStoreOptions {
  /** Told about every database write, for `/healthz`. */
  health?: WriteReporter;
}

/** How often a one-row write is tried again after another writer changed its row, before the locked path. */
const OPTIMISTIC_ATTEMPTS = 3;

/**
 * Cases and conversation records in PostgreSQL, shared by any number of instances.
 *
 * A transaction that reads and writes one record by its key (noting a conversation, an answered
 * intent, a message while queued: most of a turn's bookkeeping) is one conditional statement: the
 * row is written only if it still has the revision the change read, else the change runs again on
 * fresh data (change functions are pure, so running one twice is safe). Every other transaction
 * (one that lists cases, takes a case number, deletes or writes several records: opening, claiming,
 * routing, closing) locks the one `handoff_meta` row first (SELECT ... FOR UPDATE), so those run one
 * at a time across all instances, and a one-row write cannot slip in between their read and write:
 * of two agents claiming one case on two instances, the second sees the first one's claim and fails.
 * The case counter lives in that locked row, so numbers never repeat (a sequence cannot serve
 * `nextCaseNumber()`, which the port keeps synchronous).
 *
 * Each instance keeps the records in memory and, before each read and before it believes a
 * transaction that wrote nothing, fetches only the rows whose revision is newer than its copy (one
 * query, shared by the reads asked for while the previous one ran). Deleted keys are remembered in `handoff_deletions` so the other instances learn
 * of them; `compact()` empties that table and bumps the generation, which makes every instance
 * reload instead of relying on it.
 */
export class PostgresHandoffStore implements HandoffStore {
  private readonly cache = new HandoffCache();
  private tail: Promise<unknown> = Promise.resolve();
  private syncRunning: Promise<void> | undefined;
  private syncNext: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly options: PostgresHandoffStoreOptions = {},
  ) {}

  async read<T>(query: (view: HandoffView) => T): Promise<T> {
    await this.freshSync();
    return query(this.cache.view());
  }

  async transact<T>(change: (tx: HandoffTransaction) => T): Promise<T> {
    // The first run is on the cache as it is, without a sync: a one-row write only stands if the row
    // is still as that run read it, so a stale cache costs a retry, never a lost update. A run that
    // fails or writes nothing is only believed on fresh data: the cache may be behind another instance.
    let synced = false;
    for (let attempt = 1; attempt <= OPTIMISTIC_ATTEMPTS; attempt += 1) {
      const tried = this.tryOnCache(change);
      if (tried.needsLock) break;
      const write = 'error' in tried ? 'none' : oneRowWrite(tried, this.cache);
      if (write === 'none' && !synced) {
        await this.freshSync();
        synced = true;
        continue;
      }
      if ('error' in tried) throw tried.error;
      if (write === 'none') return tried.result;
      if (write === 'several') break;
      let revision: number | undefined;
      try {
        revision = await writeHandoffRow(this.pool, write.kind, write.key, write.record, write.expected);
        this.options.health?.succeeded(POSTGRES_HANDOFF_STORE_NAME);
      } catch (error) {
        // The statement may have committed before the connection died: reload rather than guess.
        this.cache.generation = -1;
        this.options.health?.failed(POSTGRES_HANDOFF_STORE_NAME, error);
        throw error;
      }
      if (revision !== undefined) {
        this.cache.applyRow(write.kind, write.key, write.record, revision);
        return tried.result;
      }
      await this.freshSync();
      synced = true;
    }
    return this.exclusive(() => this.inTransaction((client, committed) => this.runChange(client, change, committed)));
  }

  /**
   * Forgets the keys of deleted records. Deleted rows are gone from the tables when their
   * transaction commits; PostgreSQL reuses their space at the next (auto)vacuum.
   */
  compact(): Promise<void> {
    return this.exclusive(() =>
      this.inTransaction(async (client, committed) => {
        await client.query('DELETE FROM handoff_deletions');
        await client.query('UPDATE handoff_meta SET generation = generation + 1 WHERE id = 1');
        committed(() => (this.cache.generation = -1));
      }),
    );
  }

  /**
   * Runs `change` on the cache as it is, noting what it reads: a change that only reads records by
   * key can be written as one conditional row write; one that lists, numbers or deletes cannot.
   */
  private tryOnCache<T>(change: (tx: HandoffTransaction) => T): Tried<T> {
    const staged = emptyStaged();
    const reads = new Set<string>();
    let needsLock = false;
    // Stops the run at the first call only the locked path can serve: it will run the change again,
    // and going on would only pay for a scan twice.
    const lockNeeded = (): never => {
      needsLock = true;
      throw new Error('PostgresHandoffStore: this change needs the locked path');
    };
    const view = this.cache.view(staged);
    const tx: HandoffTransaction = {
      case: (id) => (reads.add(`case:${id}`), view.case(id)),
      conversation: (key) => (reads.add(`conversation:${key}`), view.conversation(key)),
      cases: lockNeeded,
      conversations: lockNeeded,
      queuePlace: lockNeeded,
      waitingQueue: lockNeeded,
      putCase: (record) => void staged.cases.set(record.id, structuredClone(record)),
      putConversation: (record) => void staged.conversations.set(record.key, structuredClone(record)),
      deleteCase: lockNeeded,
      deleteConversation: lockNeeded,
      nextCaseNumber: lockNeeded,
    };
    try {
      return { result: change(tx), staged, reads, needsLock };
    } catch (error) {
      return { error, staged, reads, needsLock };
    }
  }

  // One locked transaction of this instance at a time: the others would only wait for the row lock
  // holding a connection each.
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
  /** Runs `work` holding the row lock; `committed` runs once COMMIT succeeded. */
  private async inTransaction<T>(work: (client: PoolClient, committed: (then: () => void) => void) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const afterCommit: (() => void)[] = [];
    try {
      await client.query('BEGIN');
      const locked = await client.query(LOCK_META);
      if (locked.rowCount !== 1) throw new Error('PostgresHandoffStore: the handoff_meta row is missing; run `npm run db -- migrate` on an empty database');
      const result = await work(client, (then) => afterCommit.push(then));
      try {
        await client.query('COMMIT');
      } catch (error) {
        // The connection may have died after the commit reached the server: reload rather than guess.
        this.cache.generation = -1;
        throw error;
      }
      for (const then of afterCommit) then();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async runChange<T>(client: PoolClient, change: (tx: HandoffTransaction) => T, committed: (then: () => void) => void): Promise<T> {
    const meta = await this.sync(client);
    const staged = emptyStaged();
    let next = meta.nextCaseNumber;
    const tx: HandoffTransaction = {
      ...this.cache.view(staged),
      putCase: (record) => void staged.cases.set(record.id, structuredClone(record)),
      putConversation: (record) => void staged.conversations.set(record.key, structuredClone(record)),
      deleteCase: (id) => void staged.cases.set(id, null),
      deleteConversation: (key) => void staged.conversations.set(key, null),
      nextCaseNumber: () => next++,
    };
    const result = change(tx);
    if (staged.cases.size === 0 && staged.conversations.size === 0 && next === meta.nextCaseNumber) return result;
    const revision = meta.revision + 1;
    try {
      await client.query(WRITE, [...writeParameters(staged), revision, next]);
      this.options.health?.succeeded(POSTGRES_HANDOFF_STORE_NAME);
    } catch (error) {
      this.options.health?.failed(POSTGRES_HANDOFF_STORE_NAME, error);
      throw error;
    }
    committed(() => {
      this.cache.apply(staged, revision);
      // Holding the lock, this transaction synced up to revision - 1 and wrote the only revision after it.
      this.cache.revision = Math.max(this.cache.revision, revision);
    });
    return result;
  }

  /**
   * A sync that starts after this call: the one running now may have read the database before the
   * caller's own write on another instance committed, so callers arriving while it runs share the next one.
   */
  private freshSync(): Promise<void> {
    if (!this.syncRunning) {
      this.syncRunning = this.sync(this.pool)
        .then(() => undefined)
        .finally(() => (this.syncRunning = undefined));
      return this.syncRunning;
    }
    this.syncNext ??= this.syncRunning
      .catch(() => undefined)
      .then(() => {
        this.syncNext = undefined;
        return this.freshSync();
      });
    return this.syncNext;
  }

  /** Brings the cache up to the database's latest committed revision; reloads after a compaction. */
  private async sync(db: Pool | PoolClient): Promise<Meta> {
    for (;;) {
      const since = this.cache.generation < 0 ? 0 : this.cache.revision;
      const { rows } = await db.query<{ kind: string; key: string | null; record: unknown; revision: number }>(CHANGES_SINCE, [since]);
      const metaRow = rows.find((row) => row.kind === 'meta');
      if (!metaRow) throw new Error('PostgresHandoffStore: the handoff_meta row is missing; run `npm run db -- migrate` on an empty database');
      const counters = metaRow.record as { nextCaseNumber: number | string; generation: number | string };
      const meta: Meta = { nextCaseNumber: Number(counters.nextCaseNumber), generation: Number(counters.generation), revision: metaRow.revision };
      if (meta.generation !== this.cache.generation) {
        this.cache.reset(meta.generation);
        continue;
      }
      for (const row of rows) {
        if (row.kind === 'case') this.cache.applyRow('case', row.key!, row.record as CaseRecord, row.revision);
        else if (row.kind === 'conversation') this.cache.applyRow('conversation', row.key!, row.record as ConversationRecord, row.revision);
        else if (row.kind === 'deleted-case') this.cache.applyRow('case', row.key!, null, row.revision);
        else if (row.kind === 'deleted-conversation') this.cache.applyRow('conversation', row.key!, null, row.revision);
      }
      this.cache.revision = Math.max(this.cache.revision, meta.revision);
      return meta;
    }
  }
}

type Tried<T> = { staged: Staged; reads: Set<string>; needsLock: boolean } & ({ result: T } | { error: unknown });

/**
 * The one row a change wrote, with what the row must still be for the write to stand: `none` when it
 * wrote nothing, `several` when it wrote more than one record or read a record it did not write
 * (that record could change unnoticed; the locked path covers both).
 */
function oneRowWrite(
  tried: Tried<unknown>,
  cache: HandoffCache,
): 'none' | 'several' | { kind: RowKind; key: string; record: CaseRecord | ConversationRecord; expected: RowExpectation } {
  const writes = [
    ...[...tried.staged.cases].map(([key, record]) => ({ kind: 'case' as const, key, record })),
    ...[...tried.staged.conversations].map(([key, record]) => ({ kind: 'conversation' as const, key, record })),
  ];
  if (writes.length === 0) return 'none';
  const [write] = writes;
  if (writes.length > 1 || !write || write.record === null) return 'several';
  const id = `${write.kind}:${write.key}`;
  if ([...tried.reads].some((read) => read !== id)) return 'several';
  if (!tried.reads.has(id)) return { ...write, record: write.record, expected: undefined };
  const present = write.kind === 'case' ? cache.cases.has(write.key) : cache.conversations.has(write.key);
  const revision = cache.rowRevision(write.kind, write.key);
  if (present && revision === undefined) return 'several';
  return { ...write, record: write.record, expected: present ? revision : null };
}

function writeParameters(staged: Staged): [string, string, string[], string[]] {
  const puts = <T>(map: Map<string, T | null>) => toJsonb([...map.values()].filter((value) => value !== null));
  const deletes = <T>(map: Map<string, T | null>) => [...map].filter(([, value]) => value === null).map(([key]) => key);
  return [puts(staged.cases), puts(staged.conversations), deletes(staged.cases), deletes(staged.conversations)];
}
