import pg from 'pg';
import type { TranscriptArchive } from '../transcript-archive.js';
import type { WriteReporter } from '../storage-health.js';
import { assertSchemaCurrent } from './migrations.js';
import { PostgresHandoffStore } from './postgres-handoff-store.js';
import { PostgresNotifications } from './postgres-notifications.js';
import { PostgresStorage } from './postgres-storage.js';
import { PostgresTranscriptStore } from './postgres-transcript-store.js';
import { PostgresTurnLock } from './postgres-turn-lock.js';

/** The stores of `openDataStores`, in PostgreSQL; no lock: any number of instances share them. */
export interface PostgresStores {
  botState: PostgresStorage;
  handoff: PostgresHandoffStore;
  transcripts: PostgresTranscriptStore & TranscriptArchive;
  /** The connections, for the start-up check and health; closed by `close()`. */
  pool: pg.Pool;
  /**
   * Connections that only hold advisory locks (a conversation's turn, retention). Apart from `pool`,
   * so turns holding their lock can never take every connection the turns themselves need.
   */
  locks: pg.Pool;
  /** A conversation's turn lock on a `locks` connection, carrying the turn's conversation state (read and write). */
  turnLock: PostgresTurnLock;
  /** What other instances announce (LISTEN); one connection of its own. */
  notifications: PostgresNotifications;
  /** The schema the tables are in (`current_schema()`): names locks and the notification channel. */
  schema: string;
  /** Waits for pending transcript writes, then closes the connections. */
  close(): Promise<void>;
}

/** Connections an instance opens at most by default (DATABASE_CONNECTIONS), besides its listener. */
export const DEFAULT_CONNECTIONS = 30;

/**
 * How `connections` are shared: two thirds hold the conversation locks of the turns running now (more
 * turns at once wait for one), the rest run queries. Apart, so turns holding their lock can never take
 * every connection the turns themselves need.
 */
export function connectionShares(connections: number): { locks: number; queries: number } {
  const queries = Math.max(1, Math.round(connections / 3));
  return { locks: Math.max(1, connections - queries), queries };
}

export interface PostgresStoresOptions {
  /** Told about every handoff write, for `/healthz`. */
  health?: WriteReporter;
  /** Connections this instance opens at most, besides the listener (DATABASE_CONNECTIONS; default 30). */
  connections?: number;
  /** Told when the server drops a connection (a restart, a failover); the pool opens a new one when needed. */
  onConnectionError?: (error: Error) => void;
}

/**
 * Connects to DATABASE_URL and opens the stores there. Refuses a schema this Vastaa does not know
 * (`npm run db -- migrate` brings it up to date), closing the connections first.
 * @param redact applied to every transcript text before it is written (personal-data masking).
 */
export async function openPostgresStores(url: string, redact: (text: string) => string, options: PostgresStoresOptions = {}): Promise<PostgresStores> {
  const shares = connectionShares(options.connections ?? DEFAULT_CONNECTIONS);
  const pool = new pg.Pool({ connectionString: url, max: shares.queries });
  // One connection per turn running now (each holds its conversation's lock while it runs): more than the queries need.
  const locks = new pg.Pool({ connectionString: url, max: shares.locks });
  // Without a listener, a connection the server drops while idle would crash the process.
  pool.on('error', (error) => options.onConnectionError?.(error));
  locks.on('error', (error) => options.onConnectionError?.(error));
  let notifications: PostgresNotifications | undefined;
  let schema: string;
  try {
    await assertSchemaCurrent(pool);
    schema = (await pool.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0]!.schema;
    notifications = await PostgresNotifications.open(url, schema, (_problem, error) => options.onConnectionError?.(error));
  } catch (error) {
    await Promise.all([pool.end(), locks.end()]);
    throw error;
  }
  const transcripts = new PostgresTranscriptStore(pool, redact);
  const turnLock = new PostgresTurnLock(locks);
  return {
    botState: new PostgresStorage(pool, turnLock),
    handoff: new PostgresHandoffStore(pool, { health: options.health }),
    transcripts,
    pool,
    locks,
    turnLock,
    notifications,
    schema,
    async close() {
      await transcripts.flush();
      await notifications.close();
      await Promise.all([pool.end(), locks.end()]);
    },
  };
}
