import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { createHandoffDesks, type HandoffDesks } from '../../handoff/index.js';
import { LowdbHandoffStore } from '../../bot/store/index.js';
import { JournalFaults } from '../support/journal-faults.js';
import { openCaseInput } from '../support/open-case-input.js';
import { useTempDirs } from '../support/temp-dirs.js';

/** Registers this finding's tests; ./findings-h6-to-l12.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function h6JournalFullDiskAndPowerCut(): void {
  const tempDir = useTempDirs('vastaa-h6-');

  function openCase(desk: HandoffDesks, n: number) {
    return desk.customer.openCase(openCaseInput(`test/h6-${n}`, `test/user-${n}`, `first message ${n} `.repeat(20)));
  }

  async function openStore(faults = new JournalFaults()) {
    const file = path.join(await tempDir(), 'handoff.json');
    const store = await LowdbHandoffStore.open(file, { openJournal: faults.open });
    return { file, journal: `${file}.journal`, store, desk: createHandoffDesks(store), faults };
  }

  /** Mounts a real 1 MiB tmpfs on `folder`; only root with CAP_SYS_ADMIN may. */
  function mountTinyDisk(folder: string): boolean {
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', folder], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }

  // The real-disk test runs where a tmpfs can be mounted and shows as skipped elsewhere; the seam tests cover the same path everywhere.
  const probe = mkdtempSync(path.join(os.tmpdir(), 'vastaa-h6-probe-'));
  const canMountTinyDisk = mountTinyDisk(probe) && (execFileSync('umount', [probe]), true);
  rmSync(probe, { recursive: true, force: true });

  const storedCaseIds = async (file: string) => (await (await LowdbHandoffStore.open(file)).read((view) => view.cases().map((record) => record.id))).sort();

  describe('a full disk in the middle of a journal line', () => {
    test('the half-written line is cut off, the failed cases are not kept, and the next start-up loads every acknowledged case', async () => {
      const { file, journal, desk, faults } = await openStore();
      const acknowledged: string[] = [];
      for (let n = 0; n < 5; n++) acknowledged.push((await openCase(desk, n)).record.id);

      faults.writeFails = 'ENOSPC';
      for (let n = 5; n < 8; n++) await expect(openCase(desk, n)).rejects.toMatchObject({ code: 'ENOSPC' });
      // Memory was rolled back with the file: the queue holds only what is on disk.
      expect((await desk.agent.queue()).map((record) => record.id).sort()).toEqual([...acknowledged].sort());
      const lines = (await readFile(journal, 'utf8')).split('\n');
      expect(lines.pop()).toBe('');
      expect(lines).toHaveLength(5);

      faults.writeFails = null;
      for (let n = 8; n < 13; n++) acknowledged.push((await openCase(desk, n)).record.id);
      expect(await storedCaseIds(file)).toEqual([...acknowledged].sort());
    });

    test('a failed fsync (EIO) is not acknowledged and its bytes are cut off as well', async () => {
      const { file, journal, desk, faults } = await openStore();
      const first = (await openCase(desk, 1)).record.id;
      const goodJournal = await readFile(journal, 'utf8');
      faults.syncFails = 'EIO';
      await expect(openCase(desk, 2)).rejects.toMatchObject({ code: 'EIO' });
      expect(await readFile(journal, 'utf8')).toBe(goodJournal);
      faults.syncFails = null;
      const third = (await openCase(desk, 3)).record.id;
      expect(await storedCaseIds(file)).toEqual([first, third].sort());
    });

    test('when even the cut fails, the next write repairs the journal before it appends', async () => {
      const { file, journal, desk, faults } = await openStore();
      const first = (await openCase(desk, 1)).record.id;
      faults.writeFails = 'ENOSPC';
      faults.truncateFails = 'EIO';
      await expect(openCase(desk, 2)).rejects.toMatchObject({ code: 'ENOSPC' });
      expect((await readFile(journal, 'utf8')).split('\n').pop()).not.toBe('');
      faults.writeFails = null;
      faults.truncateFails = null;
      const third = (await openCase(desk, 3)).record.id;
      expect((await readFile(journal, 'utf8')).split('\n').filter(Boolean)).toHaveLength(2);
      expect(await storedCaseIds(file)).toEqual([first, third].sort());
    });
  });

  (canMountTinyDisk ? test : test.skip)('on a real disk that fills up and is freed again, the bot starts again with every acknowledged case', async () => {
    const disk = path.join(await tempDir(), 'disk');
    await mkdir(disk);
    expect(mountTinyDisk(disk)).toBe(true);
    try {
      const file = path.join(disk, 'handoff.json');
      const desk = createHandoffDesks(await LowdbHandoffStore.open(file));
      const acknowledged: string[] = [];
      for (let n = 0; n < 5; n++) acknowledged.push((await openCase(desk, n)).record.id);
      await writeFile(path.join(disk, 'filler'), Buffer.alloc(2 * 1024 * 1024, 1)).catch(() => undefined);
      let refused = 0;
      for (let n = 5; n < 20; n++) {
        await openCase(desk, n).then(
          ({ record }) => acknowledged.push(record.id),
          () => refused++,
        );
      }
      expect(refused).toBeGreaterThan(0);
      await rm(path.join(disk, 'filler'));
      for (let n = 20; n < 30; n++) acknowledged.push((await openCase(desk, n)).record.id);
      expect(await storedCaseIds(file)).toEqual([...acknowledged].sort());
    } finally {
      execFileSync('umount', [disk]);
    }
  });

  describe('acknowledged means fsynced', () => {
    test('a transaction does not resolve before the journal was fsynced', async () => {
      const { desk, faults } = await openStore();
      faults.holdSyncs();
      let resolved = false;
      const opening = openCase(desk, 1).then((result) => {
        resolved = true;
        return result;
      });
      await faults.nextSync();
      // The fsync has been called but has not returned: the case must still be unacknowledged.
      await new Promise((resolve) => setImmediate(resolve));
      expect(resolved).toBe(false);
      faults.releaseSyncs();
      await opening;
      expect(resolved).toBe(true);
      expect(faults.syncs).toBe(1);
    });

    test('group commit: 40 concurrent transactions share far fewer than 40 fsyncs, and each is in the journal', async () => {
      const { file, desk, faults } = await openStore();
      const opened = await Promise.all(Array.from({ length: 40 }, (_, n) => openCase(desk, n)));
      expect(faults.syncs).toBeLessThan(40);
      expect(faults.syncs).toBeGreaterThanOrEqual(1);
      expect(await storedCaseIds(file)).toEqual(opened.map(({ record }) => record.id).sort());
    });

    test('a failed group rolls back every transaction in it, and the order of later transactions is kept', async () => {
      const { file, desk, faults } = await openStore();
      await openCase(desk, 0);
      faults.holdSyncs();
      const blocker = openCase(desk, 1);
      await faults.nextSync();
      // These queue behind the held fsync and are written as one group, which fails.
      faults.writeFails = 'ENOSPC';
      const group = [openCase(desk, 2), openCase(desk, 3), openCase(desk, 4)];
      faults.releaseSyncs();
      await blocker;
      for (const attempt of group) await expect(attempt).rejects.toMatchObject({ code: 'ENOSPC' });
      faults.writeFails = null;
      const after = await openCase(desk, 5);
      const ids = await storedCaseIds(file);
      expect(ids).toHaveLength(3);
      // Case numbers of the failed group were given back, so the next case continues right after the last stored one.
      expect(after.record.id).toBe('C-00003');
    });
  });
}
