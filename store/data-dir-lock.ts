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

/**
 * Claims DATA_DIR for this process with a lock file holding its pid, so a second bot or a CLI
 * command cannot write the same lowdb files (each process would overwrite the other's changes).
 * A lock left by a process that no longer runs (kill -9) is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<{ release(): Promise<void> }> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) throw new DataDirLockedError(dataDir, pid);
      await rm(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}: another process keeps creating ${LOCK_FILE}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
