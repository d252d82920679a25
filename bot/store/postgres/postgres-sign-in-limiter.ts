import type { Pool } from 'pg';
import { CHECKING_WAIT_MS, delayAfter, loginKey, type SignInLimiter, type SignInLimits, type SignInWait } from '../../agent-console/sign-in-limiter.js';

/**
 * A running password check is forgotten after this long: an instance killed in the middle of one
 * must not leave its login waiting for ever.
 */
const CHECK_FORGOTTEN_AFTER_MS = 30_000;

// One wrong password more: counted on from a live entry, from 1 on an expired one. A login's entry
// lives from its last wrong password, an address's from its first (its window).
const COUNT = `
  INSERT INTO sign_in_failures (kind, key, count, first_at, last_at) VALUES ($1, $2, 1, $3, $3)
  ON CONFLICT (kind, key) DO UPDATE SET
    count = CASE WHEN live THEN sign_in_failures.count + 1 ELSE 1 END,
    first_at = CASE WHEN live THEN sign_in_failures.first_at ELSE $3 END,
    last_at = $3`.replaceAll(
  'live',
  `((CASE WHEN sign_in_failures.kind = 'login' THEN sign_in_failures.last_at ELSE sign_in_failures.first_at END) + $4 > $3)`,
);

/**
 * The same rules as MemorySignInLimiter, counted in PostgreSQL across every instance: guesses spread
 * over instances by a load balancer wait as long as guesses against one. The running-check mark is
 * taken in one statement (an insert that only an expired mark lets through), so two instances
 * cannot both start a check of one login at once.
 */
export class PostgresSignInLimiter implements SignInLimiter {
  constructor(
    private readonly pool: Pool,
    private readonly limits: SignInLimits,
    private readonly now: () => number = Date.now,
  ) {}

  async waitFor(login: string, address: string): Promise<SignInWait | undefined> {
    const at = this.now();
    const key = loginKey(login);
    const { rows } = await this.pool.query<{ kind: string; count: number; first_at: string; last_at: string }>(
      `SELECT kind, count, first_at, last_at FROM sign_in_failures WHERE (kind = 'address' AND key = $1) OR (kind = 'login' AND key = $2)`,
      [address, key],
    );
    const byAddress = rows.find((row) => row.kind === 'address' && Number(row.first_at) + this.limits.windowMs > at);
    if (byAddress && byAddress.count >= this.limits.attemptsPerAddress) {
      return { reason: 'address', ms: Number(byAddress.first_at) + this.limits.windowMs - at };
    }
    const byLogin = rows.find((row) => row.kind === 'login' && Number(row.last_at) + this.limits.windowMs > at);
    if (byLogin && byLogin.count >= this.limits.freeAttemptsPerLogin) {
      const ms = Number(byLogin.last_at) + delayAfter(this.limits, byLogin.count) - at;
      if (ms > 0) return { reason: 'login', ms };
    }
    // Taken here, not in started(): between a separate check and mark another instance could slip in.
    const marked = await this.pool.query(
      `INSERT INTO sign_in_failures (kind, key, count, first_at, last_at) VALUES ('checking', $1, 1, $2, $2)
       ON CONFLICT (kind, key) DO UPDATE SET first_at = $2, last_at = $2 WHERE sign_in_failures.first_at <= $3`,
      [key, at, at - CHECK_FORGOTTEN_AFTER_MS],
    );
    if ((marked.rowCount ?? 0) === 0) return { reason: 'login', ms: CHECKING_WAIT_MS };
    return undefined;
  }

  /** The mark is taken by waitFor() when it says go. */
  async started(): Promise<void> {}

  async finished(login: string): Promise<void> {
    await this.pool.query(`DELETE FROM sign_in_failures WHERE kind = 'checking' AND key = $1`, [loginKey(login)]);
  }

  async failed(login: string, address: string): Promise<void> {
    const at = this.now();
    await this.pool.query(COUNT, ['login', loginKey(login), at, this.limits.windowMs]);
    await this.pool.query(COUNT, ['address', address, at, this.limits.windowMs]);
    // Entries past their window, of anyone: the table stays small under a flood of invented logins.
    await this.pool.query(`DELETE FROM sign_in_failures WHERE kind <> 'checking' AND greatest(first_at, last_at) + $2 <= $1`, [at, this.limits.windowMs]);
  }

  async succeeded(login: string): Promise<void> {
    await this.pool.query(`DELETE FROM sign_in_failures WHERE kind = 'login' AND key = $1`, [loginKey(login)]);
  }
}
