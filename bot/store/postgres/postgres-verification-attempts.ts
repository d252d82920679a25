import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { VerificationAttempts, VerificationLimits, VerificationStanding, VerificationSubject } from '../verification-attempts.js';

interface Row {
  key: string;
  failures: string[];
  locked_until: string | null;
}

/**
 * `VerificationAttempts` in PostgreSQL, one row per hashed order or customer, shared by every instance:
 * guesses spread over instances count together. A failure is counted under the rows' lock
 * (SELECT ... FOR UPDATE), so two failures at once on two instances are both counted.
 */
export class PostgresVerificationAttempts implements VerificationAttempts {
  constructor(
    private readonly pool: Pool,
    private readonly limits: VerificationLimits,
  ) {}

  async standing(subject: VerificationSubject, now: Date): Promise<VerificationStanding> {
    const { rows } = await this.pool.query<Row>('SELECT key, failures, locked_until FROM verification_attempts WHERE key = ANY($1::text[])', [keysOf(subject)]);
    return this.combine(rows.map((row) => this.fresh(row, now.getTime())));
  }

  async recordFailure(subject: VerificationSubject, now: Date): Promise<VerificationStanding> {
    const at = now.getTime();
    const keys = keysOf(subject);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Both rows exist before they are locked, so the lock covers a first failure too.
      await client.query(`INSERT INTO verification_attempts (key, failures) SELECT unnest($1::text[]), '{}' ON CONFLICT (key) DO NOTHING`, [keys]);
      const { rows } = await client.query<Row>(
        'SELECT key, failures, locked_until FROM verification_attempts WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE',
        [keys],
      );
      const touched = rows.map((row) => {
        const entry = this.fresh(row, at) ?? { failures: [] };
        const failures = [...entry.failures, at].slice(-this.limits.maxFailures);
        const lockedUntil = failures.length >= this.limits.maxFailures ? Math.max(entry.lockedUntil ?? 0, at + this.limits.lockMs) : entry.lockedUntil;
        return { key: row.key, failures, lockedUntil };
      });
      for (const entry of touched) {
        await client.query('UPDATE verification_attempts SET failures = $2::bigint[], locked_until = $3 WHERE key = $1', [
          entry.key,
          entry.failures,
          entry.lockedUntil ?? null,
        ]);
      }
      // Rows with nothing left to count, of anyone: the table stays as small as the file store's.
      await client.query(
        `DELETE FROM verification_attempts WHERE coalesce(locked_until, 0) <= $1 AND NOT EXISTS (SELECT 1 FROM unnest(failures) AS f WHERE f > $2)`,
        [at, at - this.limits.windowMs],
      );
      await client.query('COMMIT');
      return this.combine(touched);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private fresh(row: Row, at: number): { failures: number[]; lockedUntil?: number } | undefined {
    const failures = row.failures.map(Number).filter((time) => time > at - this.limits.windowMs);
    const locked = row.locked_until === null ? undefined : Number(row.locked_until);
    const lockedUntil = locked !== undefined && locked > at ? locked : undefined;
    if (failures.length === 0 && lockedUntil === undefined) return undefined;
    return lockedUntil === undefined ? { failures } : { failures, lockedUntil };
  }

  private combine(entries: ({ failures: number[]; lockedUntil?: number } | undefined)[]): VerificationStanding {
    const failures = Math.max(0, ...entries.map((entry) => entry?.failures.length ?? 0));
    const lockedUntil = Math.max(0, ...entries.map((entry) => entry?.lockedUntil ?? 0));
    return lockedUntil > 0 ? { failures, lockedUntil: new Date(lockedUntil) } : { failures };
  }
}

// The same keys as the file store's, so a move between the two keeps the meaning of a key.
function keysOf(subject: VerificationSubject): string[] {
  return [`order:${subject.orderNumber}`, `customer:${subject.customerKey}`].map((name) => createHash('sha256').update(name).digest('hex').slice(0, 32));
}
