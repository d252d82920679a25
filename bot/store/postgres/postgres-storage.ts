import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { toJsonb } from './jsonb.js';
import type { Pool } from 'pg';
import { STATE_WRITE, StaleStateError, type LockedTurn, type PostgresTurnLock, type StateRow } from './postgres-turn-lock.js';

/**
 * botbuilder's Storage (conversation and user state) in PostgreSQL, one row per key. Same eTag rules
 * as the file storage and MemoryStorage: a write whose eTag is stale is refused, so two turns of
 * one conversation running at once, on one instance or two, cannot overwrite each other.
 *
 * Inside a turn of `turnLock`, the turn's own conversation state is read from what the lock read with
 * it, and written with the unlock (see PostgresTurnLock): two round trips fewer per turn. Anything
 * else touching that key in the turn first gets the held-back write written, so nobody reads past it.
 */
export class PostgresStorage implements Storage {
  constructor(
    private readonly pool: Pool,
    private readonly turnLock?: PostgresTurnLock,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    const turn = this.turnLock?.current();
    if (turn && keys.includes(turn.stateKey)) {
      if (keys.length === 1 && turn.prefetched !== undefined && !turn.deferred) {
        const row = turn.prefetched;
        // Handed out once: a second read (forced) sees the database, as without the lock.
        turn.prefetched = undefined;
        return row ? { [row.key]: { ...row.item, eTag: row.etag } } : {};
      }
      turn.prefetched = undefined;
      await turn.writeDeferred();
    }
    const { rows } = await this.pool.query<StateRow>('SELECT key, item, etag FROM bot_state WHERE key = ANY($1::text[])', [keys]);
    const found = new Map(rows.map((row) => [row.key, { ...row.item, eTag: row.etag }]));
    const items: StoreItems = {};
    for (const key of keys) {
      const item = found.get(key);
      if (item) items[key] = item;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const turn = this.turnLock?.current();
    const entries = Object.entries(changes).map(([key, change]) => {
      const { eTag, ...item } = change as { eTag?: string; [field: string]: unknown };
      return { key, item: toJsonb(item), expected: eTag && eTag !== '*' ? eTag : null, etag: randomUUID() };
    });
    if (turn && entries.some((entry) => entry.key === turn.stateKey)) {
      turn.prefetched = undefined;
      const own = entries.length === 1 ? entries[0]! : undefined;
      if (own && !turn.deferred) {
        turn.deferred = own;
        return;
      }
      await turn.writeDeferred();
    }
    await Promise.all(
      entries.map(async (entry) => {
        const written = await this.pool.query(STATE_WRITE, [entry.key, entry.item, entry.expected, entry.etag]);
        if (written.rowCount === 0) throw new StaleStateError(entry.key, entry.expected);
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    const turn = this.turnLock?.current();
    if (turn && keys.includes(turn.stateKey)) {
      // The row goes anyway: a held-back write of it would only bring it back at the unlock.
      turn.prefetched = undefined;
      turn.deferred = undefined;
    }
    await this.pool.query('DELETE FROM bot_state WHERE key = ANY($1::text[])', [keys]);
  }
}
