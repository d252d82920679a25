import path from 'node:path';
import { lockDataDir } from './data-dir-lock.js';
import { FileTranscriptStore } from './file-transcript-store.js';
import { LowdbHandoffStore, type HandoffStoreOptions } from './lowdb-handoff-store.js';
import { FileStorage } from './file-storage.js';

/** Everything kept in DATA_DIR, opened by the one process allowed to write it. */
export interface DataStores {
  /** Bot conversation state, one file per conversation under `state/` (named by the key's hash). */
  botState: FileStorage;
  /** Cases and conversation records (`handoff.json`). */
  handoff: LowdbHandoffStore;
  /** One JSON Lines file per conversation under `transcripts/` (named by the key's hash). */
  transcripts: FileTranscriptStore;
  /** Waits for pending transcript writes, then gives DATA_DIR back. */
  close(): Promise<void>;
}

/**
 * Locks DATA_DIR and opens its stores. Fails with a clear message when another process holds the
 * folder or a file is unreadable; nothing is overwritten then.
 * @param redact applied to every transcript text before it is written (personal-data masking).
 * @param handoffOptions where the handoff store reports its writes (`/healthz`), its journal seam for tests, and
 *   where to tell that a stale lock was taken over.
 */
export async function openDataStores(
  dataDir: string,
  redact: (text: string) => string,
  handoffOptions: HandoffStoreOptions & { onStaleLock?: (reason: string) => void } = {},
): Promise<DataStores> {
  const lock = await lockDataDir(dataDir, handoffOptions.onStaleLock);
  try {
    const botState = await FileStorage.open(path.join(dataDir, 'state'), path.join(dataDir, 'state.json'));
    const handoff = await LowdbHandoffStore.open(path.join(dataDir, 'handoff.json'), handoffOptions);
    const transcripts = await FileTranscriptStore.open(path.join(dataDir, 'transcripts'), redact);
    return {
      botState,
      handoff,
      transcripts,
      async close() {
        await transcripts.flush();
        await lock.release();
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}
