import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { syncFolder } from './json-database.js';

/** The few file operations the journal needs; tests put a failing or counting one in its place. */
export interface JournalHandle {
  write(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

/** Opens the journal for reading and writing at any position, creating it when missing. */
export type OpenJournal = (file: string) => Promise<JournalHandle>;

export const openJournalFile: OpenJournal = (file) => open(file, constants.O_RDWR | constants.O_CREAT, 0o600);

/**
 * An append-only file that only ever grows by whole, fsynced appends. It remembers its good length
 * (everything acknowledged so far) and writes each append at that position:
 * - an append resolves only after `fsync`, so an acknowledged line survives a power cut, not just kill -9;
 * - a failed append (ENOSPC, EIO, a failed fsync) is cut back to the good length, so no partial line
 *   stays in the middle of the file, where the next start-up would refuse it (review H6). When even
 *   the cut fails, the next append tries it again first.
 */
export class JournalFile {
  private goodLength = 0;
  private cutPending = false;
  private folderSynced = false;

  constructor(
    readonly file: string,
    private readonly openFile: OpenJournal = openJournalFile,
  ) {}

  /** Writes `text` after the last good byte and fsyncs; on failure nothing of it is left in the file. */
  async append(text: string): Promise<void> {
    const bytes = Buffer.from(text, 'utf8');
    const handle = await this.openFile(this.file);
    try {
      if (this.cutPending) await this.cut(handle);
      try {
        for (let written = 0; written < bytes.length;) {
          written += (await handle.write(bytes, written, bytes.length - written, this.goodLength + written)).bytesWritten;
        }
        await handle.sync();
        // The first append may have created the file: without this a power cut can lose its name, and every line with it.
        if (!this.folderSynced) await syncFolder(path.dirname(this.file));
        this.folderSynced = true;
      } catch (error) {
        this.cutPending = true;
        await this.cut(handle).catch(() => undefined);
        throw error;
      }
      this.goodLength += bytes.length;
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  /** Empties the file on disk (after a compaction has made its lines redundant). */
  async empty(): Promise<void> {
    const handle = await this.openFile(this.file);
    try {
      await handle.truncate(0);
      await handle.sync();
      this.goodLength = 0;
      this.cutPending = false;
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  private async cut(handle: JournalHandle): Promise<void> {
    await handle.truncate(this.goodLength);
    await handle.sync();
    this.cutPending = false;
  }
}
