import type { Pool } from 'pg';

// Keys are hashed with the schema, so two test schemas (or two deployments sharing one database in
// separate schemas) never wait for each other's locks.
const KEY = lockKey('$1');

/** The advisory lock's key for the name `name` (a parameter or a quoted literal). */
export function lockKey(name: string): string {
  return `hashtext(current_schema() || '.' || ${name})`;
}

/**
 * Runs `work` holding PostgreSQL's session advisory lock `name`, waiting for it as long as another
 * instance holds it. The lock lives on its own connection from `pool`: a process killed mid-way
 * loses the connection and with it the lock, so nothing stays locked behind a dead instance.
 */
export async function withAdvisoryLock<T>(pool: Pool, name: string, work: () => Promise<T>): Promise<T> {
  const client = await connectWaitingForRoom(pool);
  let broken: Error | undefined;
  try {
    await client.query(`SELECT pg_advisory_lock(${KEY})`, [name]);
    try {
      return await work();
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${KEY})`, [name]).catch((error: Error) => (broken = error));
    }
  } finally {
    // A connection whose unlock failed may still hold the lock: destroy it rather than reuse it.
    client.release(broken);
  }
}

/** SQLSTATE too_many_connections: the server's max_connections (or the role's limit) is reached. */
const TOO_MANY_CONNECTIONS = '53300';
/** How long a turn waits for the server to have room before it fails (and the customer is answered 502). */
const ROOM_WAIT_MS = 10_000;

/**
 * A connection from `pool`, waiting while the server refuses new ones as full. Several instances each
 * opening their turn-lock connections can fill max_connections for a moment (a burst of turns, a
 * restart); a turn that waits a little and then runs is better than a turn that fails at once.
 */
export async function connectWaitingForRoom(pool: Pool) {
  const giveUpAt = Date.now() + ROOM_WAIT_MS;
  for (let pause = 50; ; pause = Math.min(pause * 2, 500)) {
    try {
      return await pool.connect();
    } catch (error) {
      if ((error as { code?: string }).code !== TOO_MANY_CONNECTIONS || Date.now() + pause > giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/**
 * Runs `work` only when no other instance holds the lock `name` now; returns `{ ran: false }` at once
 * otherwise. For jobs one instance at a time should do (retention), not for work that must happen.
 */
export async function whenAdvisoryLockFree<T>(pool: Pool, name: string, work: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${KEY}) AS locked`, [name]);
    if (!rows[0]?.locked) return { ran: false };
    try {
      return { ran: true, result: await work() };
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${KEY})`, [name]).catch((error: Error) => (broken = error));
    }
  } finally {
    client.release(broken);
  }
}
