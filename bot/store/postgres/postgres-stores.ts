import pg from 'pg';
import type { FileTranscriptStore } from '../file-transcript-store.js';
import type { WriteReporter } from '../storage-health.js';
import { assertSchemaCurrent } from './migrations.js';
import { PostgresHandoffStore } from './postgres-handoff-store.js';
import { PostgresStorage } from './postgres-storage.js';
import { PostgresTranscriptStore } from './postgres-transcript-store.js';

/** What the app uses of a transcript store besides botbuilder's interface (agent console, retention, customer data). */
export type TranscriptArchive = Pick<
  FileTranscriptStore,
  'logActivity' | 'getTranscriptActivities' | 'listTranscripts' | 'deleteTranscript' | 'allActivities' | 'flush' | 'untouchedSince'
>;

/** The stores of `openDataStores`, in PostgreSQL; no lock: any number of instances share them. */
export interface PostgresStores {
  botState: PostgresStorage;
  handoff: PostgresHandoffStore;
  transcripts: PostgresTranscriptStore & TranscriptArchive;
  /** The connections, for the start-up check and health; closed by `close()`. */
  pool: pg.Pool;
  /** Waits for pending transcript writes, then closes the connections. */
  close(): Promise<void>;
}

export interface PostgresStoresOptions {
  /** Told about every handoff write, for `/healthz`. */
  health?: WriteReporter;
  /** Connections this instance keeps open at most (pg's default is 10). */
  maxConnections?: number;
  /** Told when the server drops an idle connection (a restart, a failover); the pool opens a new one when needed. */
  onConnectionError?: (error: Error) => void;
}

/**
 * Connects to DATABASE_URL and opens the stores there. Refuses a schema this Vastaa does not know
 * (`npm run db -- migrate` brings it up to date), closing the connections first.
 * @param redact applied to every transcript text before it is written (personal-data masking).
 */
export async function openPostgresStores(url: string, redact: (text: string) => string, options: PostgresStoresOptions = {}): Promise<PostgresStores> {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections });
  // Without a listener, a connection the server drops while idle would crash the process.
  pool.on('error', (error) => options.onConnectionError?.(error));
  try {
    await assertSchemaCurrent(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const transcripts = new PostgresTranscriptStore(pool, redact);
  return {
    botState: new PostgresStorage(pool),
    handoff: new PostgresHandoffStore(pool, { health: options.health }),
    transcripts,
    pool,
    async close() {
      await transcripts.flush();
      await pool.end();
    },
  };
}
