import type { Storage } from 'botbuilder';
import type { LearningInbox } from '../../dialogs/index.js';
import type { HandoffStore } from '../../handoff/index.js';
import { FileLearningInbox, LEARNING_INBOX_FILE } from './file-learning-inbox.js';
import { PostgresLearningInbox } from './postgres/postgres-learning-inbox.js';
import { openDataStores } from './data-stores.js';
import type { OpenJournal } from './journal-file.js';
import { openPostgresStores, type PostgresStores } from './postgres/postgres-stores.js';
import { PostgresVerificationAttempts } from './postgres/postgres-verification-attempts.js';
import type { StorageHealth } from './storage-health.js';
import type { TranscriptArchive } from './transcript-archive.js';
import { FileVerificationAttempts, VERIFICATION_ATTEMPTS_FILE, type VerificationAttempts, type VerificationLimits } from './verification-attempts.js';
import path from 'node:path';

/** Every store the app keeps its data in, from DATA_DIR files or from PostgreSQL. */
export interface AppStores {
  botState: Storage;
  handoff: HandoffStore;
  transcripts: TranscriptArchive;
  verificationAttempts: VerificationAttempts;
  /** What the bot missed, for the editors' studio (DATA_DIR/learning-inbox.json, or a table). */
  learningInbox: LearningInbox;
  /** Set with DATABASE_URL: the connections, locks and notifications the instances share. */
  postgres?: PostgresStores;
  /** Waits for pending writes, then gives DATA_DIR back or closes the connections. */
  close(): Promise<void>;
}

export interface AppStoresOptions {
  /** PostgreSQL instead of DATA_DIR files when set. */
  databaseUrl?: string;
  dataDir: string;
  /** Applied to every transcript text before it is written (personal-data masking). */
  redact: (text: string) => string;
  health: StorageHealth;
  verificationLimits: VerificationLimits;
  /** How the handoff journal file is opened (file mode; tests pass one that fails). */
  openJournal?: OpenJournal;
  onStaleLock?: (reason: string) => void;
  /** Told when PostgreSQL drops a connection; the pools open new ones when needed. */
  onConnectionError?: (error: Error) => void;
  /** PostgreSQL connections this instance opens at most (DATABASE_CONNECTIONS). */
  databaseConnections?: number;
}

/**
 * Opens the app's stores: with `databaseUrl` all of them in PostgreSQL (refusing a schema this Vastaa
 * does not know, naming `npm run db -- migrate`), shared by any number of instances; otherwise the
 * embedded files in DATA_DIR, locked to this one process.
 */
export async function openAppStores(options: AppStoresOptions): Promise<AppStores> {
  if (options.databaseUrl) {
    const postgres = await openPostgresStores(options.databaseUrl, options.redact, {
      health: options.health,
      onConnectionError: options.onConnectionError,
      connections: options.databaseConnections,
    });
    const learningInbox = new PostgresLearningInbox(postgres.pool, options.health);
    return {
      botState: postgres.botState,
      handoff: postgres.handoff,
      transcripts: postgres.transcripts,
      verificationAttempts: new PostgresVerificationAttempts(postgres.pool, options.verificationLimits),
      learningInbox,
      postgres,
      close: async () => {
        await learningInbox.flush();
        await postgres.close();
      },
    };
  }
  const files = await openDataStores(options.dataDir, options.redact, {
    health: options.health,
    openJournal: options.openJournal,
    onStaleLock: options.onStaleLock,
  });
  try {
    const verificationAttempts = await FileVerificationAttempts.open(path.join(options.dataDir, VERIFICATION_ATTEMPTS_FILE), options.verificationLimits);
    // Masked misses for the editors' studio (bounded; erased and aged out like transcripts).
    const learningInbox = await FileLearningInbox.open(path.join(options.dataDir, LEARNING_INBOX_FILE), options.health);
    return {
      botState: files.botState,
      handoff: files.handoff,
      transcripts: files.transcripts,
      verificationAttempts,
      learningInbox,
      close: async () => {
        await learningInbox.flush().catch(() => undefined);
        await files.close();
      },
    };
  } catch (error) {
    await files.close();
    throw error;
  }
}
