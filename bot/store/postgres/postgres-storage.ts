import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { toJsonb } from './jsonb.js';
import type { Pool } from 'pg';

// Insert, or replace when the caller's eTag is still current ($3 null or '*': always). A stale eTag
// matches no row, so nothing changes and no row comes back: one statement, no read-then-write race.
const WRITE = `
  INSERT INTO bot_state (key, item, etag) VALUES ($1, $2::jsonb, $4)
  ON CONFLICT (key) DO UPDATE SET item = EXCLUDED.item, etag = EXCLUDED.etag
  WHERE $3::text IS NULL OR bot_state.etag = $3
  RETURNING etag`;

/**
 * botbuilder's Storage (conversation and user state) in PostgreSQL, one row per key. Same eTag rules
 * as the file storage and MemoryStorage: a write whose eTag is stale is refused, so two turns of
 * one conversation running at once, on one instance or two, cannot overwrite each other.
 */
export class PostgresStorage implements Storage {
  constructor(private readonly pool: Pool) {}

  async read(keys: string[]): Promise<StoreItems> {
    const { rows } = await this.pool.query<{ key: string; item: Record<string, unknown>; etag: string }>(
      'SELECT key, item, etag FROM bot_state WHERE key = ANY($1::text[])',
      [keys],
    );
    const found = new Map(rows.map((row) => [row.key, { ...row.item, eTag: row.etag }]));
    const items: StoreItems = {};
    for (const key of keys) {
      const item = found.get(key);
      if (item) items[key] = item;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(async ([key, change]) => {
        const { eTag, ...item } = change as { eTag?: string; [field: string]: unknown };
        const expected = eTag && eTag !== '*' ? eTag : null;
        const written = await this.pool.query(WRITE, [key, toJsonb(item), expected, randomUUID()]);
        if (written.rowCount === 0) {
          throw new Error(`PostgresStorage.write(): the state of '${key}' changed since it was read (eTag ${eTag}); retry the turn`);
        }
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await this.pool.query('DELETE FROM bot_state WHERE key = ANY($1::text[])', [keys]);
  }
}
