import type { Pool } from 'pg';
import { addressKey, type RateCheck, type RateLimit } from '../../channels/directline/address-rate-limit.js';
import type { SpentTokenLedger } from '../../channels/directline/spent-tokens.js';

/** Rows past use (full buckets, expired tokens) are deleted by the instance that notices, at most this often. */
const SWEEP_EVERY_MS = 60_000;

/**
 * The same token bucket as `AddressRateLimit` (`perMinute` a minute, bursts of up to `perMinute`, IPv6
 * per /64), kept in PostgreSQL so that every instance spends from one allowance: a client behind a
 * round-robin load balancer gets the limit once, not once per instance. The refill and the spend are
 * one statement under the row's lock, so two instances taking at once cannot both take the last one.
 * A bucket untouched for a minute is full again; the instance that notices deletes such rows.
 */
export class PostgresRateLimit implements RateLimit {
  private sweptAt = -Infinity;

  constructor(
    private readonly pool: Pool,
    /** Which allowance (new tokens, new conversations): one table for all. */
    private readonly scope: string,
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  async take(address: string): Promise<RateCheck> {
    const key = addressKey(address);
    const now = this.now();
    await this.sweep(now);
    const refilled = `least($3::double precision, rate_limit_buckets.tokens + ($4 - rate_limit_buckets.updated) * $3::double precision / 60000)`;
    const taken = await this.pool.query(
      `INSERT INTO rate_limit_buckets (scope, key, tokens, updated) VALUES ($1, $2, $3::double precision - 1, $4)
       ON CONFLICT (scope, key) DO UPDATE SET tokens = ${refilled} - 1, updated = $4 WHERE ${refilled} >= 1`,
      [this.scope, key, this.perMinute, now],
    );
    if ((taken.rowCount ?? 0) > 0) return { ok: true };
    const { rows } = await this.pool.query<{ tokens: number; updated: string }>(
      'SELECT tokens, updated FROM rate_limit_buckets WHERE scope = $1 AND key = $2',
      [this.scope, key],
    );
    const tokens = rows[0] ? Math.min(this.perMinute, rows[0].tokens + ((now - Number(rows[0].updated)) * this.perMinute) / 60_000) : 0;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((1 - tokens) * 60) / this.perMinute)) };
  }

  private async sweep(now: number): Promise<void> {
    if (now - this.sweptAt < SWEEP_EVERY_MS) return;
    this.sweptAt = now;
    await this.pool.query('DELETE FROM rate_limit_buckets WHERE scope = $1 AND updated < $2', [this.scope, now - 60_000]);
  }
}

/**
 * Used single-use stream tokens in PostgreSQL: the insert of the token's id succeeds once, on whichever
 * instance comes first, so a stream URL opened on one instance is refused on every other (L4).
 * Expired ids are deleted by the instance that notices, at most once a minute.
 */
export class PostgresSpentTokens implements SpentTokenLedger {
  private sweptAt = -Infinity;

  constructor(
    private readonly pool: Pool,
    private readonly now: () => number = Date.now,
  ) {}

  async spend(id: string, expiresAtMs: number): Promise<boolean> {
    const now = this.now();
    if (now - this.sweptAt >= SWEEP_EVERY_MS) {
      this.sweptAt = now;
      await this.pool.query('DELETE FROM spent_tokens WHERE expires_at <= $1', [now]);
    }
    // An id whose token expired may be spent again (it is refused as expired before it gets here anyway).
    const { rowCount } = await this.pool.query(
      `INSERT INTO spent_tokens (id, expires_at) VALUES ($1, $2)
       ON CONFLICT (id) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE spent_tokens.expires_at <= $3`,
      [id, expiresAtMs, now],
    );
    return (rowCount ?? 0) > 0;
  }
}
