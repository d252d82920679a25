import { readFileSync } from 'node:fs';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

export const LOCK_FILE = 'vastaa.lock';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the data folder ${dataDir} is in use by process ${pid}. Only one process may write it at a time: ` +
        `stop that process first, or use the running bot's HTTP API instead (see README, "Customer data").`,
    );
    this.name = 'DataDirLockedError';
  }
}

/** Who holds the lock: the pid alone is not enough, since after a reboot or a restart it can belong to any process. */
export interface LockOwner {
  pid: number;
  /** The process's start time in clock ticks after boot (/proc/<pid>/stat, field 22); absent off Linux. */
  startTime?: string;
  /** /proc/sys/kernel/random/boot_id; absent off Linux. */
  bootId?: string;
}

/**
 * Claims DATA_DIR for this process with a lock file naming it (pid, start time, boot id), so a
 * second bot or a CLI command cannot write the same files (each process would overwrite the other's
 * changes). A lock left by a process that no longer runs (kill -9) is taken over, and so is one whose
 * pid now belongs to another process (another start time, or another boot): without that check any
 * live process with the old pid, after a reboot for example, would keep the bot from starting (review L7).
 * @param onTakeOver told why a stale lock was taken over, for the log.
 */
export async function lockDataDir(dataDir: string, onTakeOver: (reason: string) => void = () => undefined): Promise<{ release(): Promise<void> }> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(JSON.stringify(ownerOf(process.pid)));
      await handle.close();
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = parseLock(await readFile(file, 'utf8').catch(() => ''));
      const stale = owner ? staleReason(owner) : 'it names no process';
      if (!stale) throw new DataDirLockedError(dataDir, owner!.pid);
      onTakeOver(`took over the lock ${file}: ${stale}`);
      await rm(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}: another process keeps creating ${LOCK_FILE}`);
}

/** Why the lock's owner no longer holds it, or null when it still runs. */
function staleReason(owner: LockOwner): string | null {
  if (owner.pid === process.pid) return `it names this process (${owner.pid})`;
  const bootId = currentBootId();
  if (owner.bootId && bootId && owner.bootId !== bootId) return `process ${owner.pid} ran before the last reboot`;
  if (!isRunning(owner.pid)) return `process ${owner.pid} no longer runs`;
  const startTime = startTimeOf(owner.pid);
  if (owner.startTime && startTime && owner.startTime !== startTime)
    return `pid ${owner.pid} now belongs to another process (started at tick ${startTime}, not ${owner.startTime})`;
  return null;
}

/** Reads a lock: JSON from this version, or a bare pid from earlier ones (checked by pid alone). */
export function parseLock(text: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner> | number;
    if (typeof parsed === 'number') return Number.isInteger(parsed) && parsed > 0 ? { pid: parsed } : undefined;
    if (typeof parsed?.pid !== 'number' || !Number.isInteger(parsed.pid) || parsed.pid <= 0) return undefined;
    return {
      pid: parsed.pid,
      startTime: typeof parsed.startTime === 'string' ? parsed.startTime : undefined,
      bootId: typeof parsed.bootId === 'string' ? parsed.bootId : undefined,
    };
  } catch {
    return undefined;
  }
}

export function ownerOf(pid: number): LockOwner {
  return { pid, startTime: startTimeOf(pid), bootId: currentBootId() };
}

function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from after it; field 3 is first there.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[22 - 3];
  } catch {
    return undefined;
  }
}

function currentBootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
