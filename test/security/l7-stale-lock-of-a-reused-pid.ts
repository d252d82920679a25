import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { DataDirLockedError, lockDataDir, ownerOf, parseLock } from '../../bot/store/index.js';
import { rejectionOf } from '../support/failures.js';
import { PROJECT_ROOT } from '../support/test-bot.js';
import { useTempDirs } from '../support/temp-dirs.js';
import { nodeArgsFor } from '../support/compiled-project.js';

/** Registers this finding's tests; ./findings-l2-to-l7.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function l7StaleLockOfAReusedPid(): void {
  const tempDir = useTempDirs('vastaa-l7-');

  async function takeOver(lock: object): Promise<string[]> {
    const dataDir = await tempDir();
    await writeFile(path.join(dataDir, 'vastaa.lock'), JSON.stringify(lock));
    const logged: string[] = [];
    const held = await lockDataDir(dataDir, (reason) => logged.push(reason));
    expect(parseLock(await readFile(path.join(dataDir, 'vastaa.lock'), 'utf8'))).toEqual(ownerOf(process.pid));
    await held.release();
    return logged;
  }

  describe('a lock naming a pid that is alive but is not the process that wrote it', () => {
    test('pid 1 (alive, but started at another moment) is taken over, with a log line saying why', async () => {
      const init = ownerOf(1);
      expect(init.startTime).toBeDefined();
      const logged = await takeOver({ ...init, startTime: String(Number(init.startTime) + 12345) });
      expect(logged).toEqual([expect.stringContaining('pid 1 now belongs to another process')]);
    });

    test('a lock written before the last reboot (another boot id) is taken over', async () => {
      const logged = await takeOver({ ...ownerOf(1), bootId: '00000000-0000-0000-0000-000000000000' });
      expect(logged).toEqual([expect.stringContaining('process 1 ran before the last reboot')]);
    });

    test('a lock of a live process with its own start time is still refused', async () => {
      const dataDir = await tempDir();
      const sleeper = spawn('sleep', ['30']);
      try {
        await writeFile(path.join(dataDir, 'vastaa.lock'), JSON.stringify(ownerOf(sleeper.pid!)));
        await expect(lockDataDir(dataDir)).rejects.toBeInstanceOf(DataDirLockedError);
      } finally {
        sleeper.kill('SIGKILL');
      }
    });

    test('a second Vastaa process holding the folder still keeps this one out', async () => {
      const dataDir = await tempDir();
      const holder = spawn(process.execPath, [...nodeArgsFor('test/support/lock-holder.ts'), dataDir], {
        cwd: PROJECT_ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      try {
        await new Promise<void>((resolve, reject) => {
          holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
          holder.on('exit', (code) => reject(new Error(`lock-holder exited with ${code}`)));
        });
        const refused = await rejectionOf(lockDataDir(dataDir), DataDirLockedError);
        expect(refused.pid).toBe(holder.pid);
      } finally {
        holder.kill('SIGKILL');
      }
    });
  });
}
