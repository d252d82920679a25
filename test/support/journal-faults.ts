import { openJournalFile, type JournalHandle, type OpenJournal } from '../../bot/store/index.js';

/** An error as Node's fs reports it (code and syscall), e.g. ENOSPC from a full disk. */
export function fsError(code: string, syscall = 'write'): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated failure, ${syscall}`), { code, syscall, errno: -1 });
}

/**
 * The real journal file with faults switched on and off by the test: a write that stores only half
 * its bytes and then fails (as `write` does when the disk fills mid-line), a failing fsync, a failing
 * truncate; fsyncs are counted and can be held until the test releases them.
 */
export class JournalFaults {
  /** Set: the next writes store half their bytes, then fail with this code. */
  writeFails: string | null = null;
  syncFails: string | null = null;
  truncateFails: string | null = null;
  syncs = 0;
  private held: (() => void)[] | null = null;
  private syncWaiters: (() => void)[] = [];

  readonly open: OpenJournal = async (file) => {
    const real = await openJournalFile(file);
    const handle: JournalHandle = {
      write: async (buffer, offset, length, position) => {
        if (!this.writeFails) return real.write(buffer, offset, length, position);
        await real.write(buffer, offset, Math.max(1, Math.floor(length / 2)), position);
        throw fsError(this.writeFails);
      },
      sync: async () => {
        if (this.syncFails) throw fsError(this.syncFails, 'fsync');
        await real.sync();
        this.syncs++;
        for (const waiter of this.syncWaiters.splice(0)) waiter();
        if (this.held) await new Promise<void>((release) => this.held!.push(release));
      },
      truncate: async (length) => {
        if (this.truncateFails) throw fsError(this.truncateFails, 'ftruncate');
        await real.truncate(length);
      },
      close: () => real.close(),
    };
    return handle;
  };

  /** From now on every fsync completes on disk but does not return until `releaseSyncs()`. */
  holdSyncs(): void {
    this.held = [];
  }

  releaseSyncs(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const release of held) release();
  }

  /** Resolves after the next fsync reached the disk. */
  nextSync(): Promise<void> {
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }
}
