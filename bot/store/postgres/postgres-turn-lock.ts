import { AsyncLocalStorage } from 'node:async_hooks';
import { escapeLiteral, type Pool, type PoolClient } from 'pg';
import { connectWaitingForRoom, lockKey } from './advisory-lock.js';

/** A bot_state row as PostgresStorage hands it out. */
export interface StateRow {
  key: string;
  item: Record<string, unknown>;
  etag: string;
}

/** The conversation state write a turn made, sent with the unlock. */
export interface DeferredStateWrite {
  key: string;
  /** The item as jsonb text (`toJsonb`). */
  item: string;
  /** The eTag the row must still have; null: write whatever is there. */
  expected: string | null;
  etag: string;
}

/** The turn running now in this async context: its lock's connection and what it read and wrote of its state. */
export interface LockedTurn {
  readonly stateKey: string;
  /** The state row read with the lock (null: none stored), until it is handed out once or made stale. */
  prefetched: StateRow | null | undefined;
  /** The state write held back to go with the unlock; written at once when anything else touches the key. */
  deferred: DeferredStateWrite | undefined;
  /** Writes `deferred` now, on the turn's connection (for a read or delete of the key after it). */
  writeDeferred(): Promise<void>;
}

/** Insert, or replace when the stored eTag passes `current` (SQL); the values are SQL too: parameters or literals. */
function stateUpsert(key: string, item: string, etag: string, current: string): string {
  return `
  INSERT INTO bot_state (key, item, etag) VALUES (${key}, ${item}::jsonb, ${etag})
  ON CONFLICT (key) DO UPDATE SET item = EXCLUDED.item, etag = EXCLUDED.etag
  WHERE ${current}`;
}

// Insert, or replace when the eTag is still current; see PostgresStorage.
export const STATE_WRITE = `${stateUpsert('$1', '$2', '$4', '$3::text IS NULL OR bot_state.etag = $3')}
  RETURNING etag`;

/** A state write refused because another writer changed the row since it was read. */
export class StaleStateError extends Error {
  constructor(key: string, eTag: string | null) {
    super(`PostgresStorage.write(): the state of '${key}' changed since it was read (eTag ${eTag}); retry the turn`);
  }
}

/**
 * A conversation's turn lock (PostgreSQL's session advisory lock, as `withAdvisoryLock`) that also
 * carries the turn's conversation state, so a turn costs two round trips on its lock's connection
 * instead of four (lock, read, write, unlock):
 *
 * - the lock and the state read go in one message: the read is a statement of its own after the
 *   lock, so it sees every turn that released the lock before (READ COMMITTED: a snapshot per statement);
 * - the state write is held back (PostgresStorage sees the turn here) and goes with the unlock, in
 *   its own transaction committed before the unlock runs: the next turn to get the lock reads it.
 *
 * The write commits with `synchronous_commit = off`: PostgreSQL answers before the WAL reaches the
 * disk, so a crash of the database server (not of an instance) can lose the last fraction of a
 * second of conversation-state writes (wal_writer_delay, at most three times it). The conversation
 * then goes on from its state a turn or two earlier: the dialog step, the language, the frustration
 * meter, the rotation of answer variants. Nothing the customer was promised is there: cases,
 * conversation owners and records, verification attempts and transcripts are written apart,
 * synchronously. (The file store's state has the same limit: it is not fsynced either.)
 *
 * These statements carry literals (escapeLiteral), not parameters: several statements in one message
 * need PostgreSQL's simple query protocol, which has none.
 */
export class PostgresTurnLock {
  private readonly turns = new AsyncLocalStorage<LockedTurn>();
  private readonly ended = new WeakSet<LockedTurn>();

  constructor(private readonly pool: Pool) {}

  /**
   * The locked turn running in this async context, if any. Not after its work has ended: work it
   * left behind (a timer, an unawaited write) runs in the same context, and its writes must not wait
   * for an unlock that has already been sent.
   */
  current(): LockedTurn | undefined {
    const turn = this.turns.getStore();
    return turn && !this.ended.has(turn) ? turn : undefined;
  }

  /** Runs `work` holding the lock `name`, with the state row `stateKey` read and its write sent along (see above). */
  async run<T>(name: string, stateKey: string, work: () => Promise<T>): Promise<T> {
    const client = await connectWaitingForRoom(this.pool);
    let broken: Error | undefined;
    try {
      let read: StateRow[];
      try {
        const results = (await client.query(
          `SELECT pg_advisory_lock(${lockKey(escapeLiteral(name))}); SELECT key, item, etag FROM bot_state WHERE key = ${escapeLiteral(stateKey)}`,
        )) as unknown as [unknown, { rows: StateRow[] }];
        read = results[1].rows;
      } catch (error) {
        // The lock may have been taken before the read failed (a session lock outlives its transaction).
        broken = error as Error;
        throw error;
      }
      let writing = Promise.resolve();
      const turn: LockedTurn = {
        stateKey,
        prefetched: read[0] ?? null,
        deferred: undefined,
        writeDeferred: () => {
          const write = turn.deferred;
          turn.deferred = undefined;
          // Callers arriving while it is written wait for the same write.
          if (write)
            writing = writing.then(async () => {
              const { rowCount } = await client.query(STATE_WRITE, [write.key, write.item, write.expected, write.etag]);
              if (rowCount === 0) throw new StaleStateError(write.key, write.expected);
            });
          return writing;
        },
      };
      let result: T;
      try {
        result = await this.turns.run(turn, work);
      } catch (error) {
        this.ended.add(turn);
        // The turn's error is the one to report; its state write still goes (as it would have without deferring).
        broken = await this.unlock(client, name, turn.deferred).then(
          () => undefined,
          (unlockError: Error) => (unlockError instanceof StaleStateError ? undefined : unlockError),
        );
        throw error;
      }
      this.ended.add(turn);
      try {
        await this.unlock(client, name, turn.deferred);
      } catch (error) {
        if (!(error instanceof StaleStateError)) broken = error as Error;
        throw error;
      }
      return result;
    } finally {
      // A connection whose unlock failed may still hold the lock: destroy it rather than reuse it.
      client.release(broken);
    }
  }

  /** One round trip: the deferred write in its own transaction, committed, then the unlock. Throws a stale eTag after unlocking. */
  private async unlock(client: PoolClient, name: string, write: DeferredStateWrite | undefined): Promise<void> {
    const unlock = `SELECT pg_advisory_unlock(${lockKey(escapeLiteral(name))})`;
    if (!write) {
      await client.query(unlock);
      return;
    }
    const insert = stateUpsert(
      escapeLiteral(write.key),
      escapeLiteral(write.item),
      escapeLiteral(write.etag),
      write.expected === null ? 'true' : `bot_state.etag = ${escapeLiteral(write.expected)}`,
    );
    let written: number | null;
    try {
      const results = (await client.query(`BEGIN; SET LOCAL synchronous_commit = off; ${insert}; COMMIT; ${unlock}`)) as unknown as {
        rowCount: number | null;
      }[];
      written = results[2]!.rowCount;
    } catch (error) {
      // The message stopped at the failing statement, inside the transaction: end it, then unlock.
      await client.query(`ROLLBACK; ${unlock}`);
      throw error;
    }
    if (written === 0) throw new StaleStateError(write.key, write.expected);
  }
}
