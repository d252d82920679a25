import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from '@jest/globals';

/**
 * A fresh folder under the system temp dir for each call, removed after every test of the file
 * that calls `useTempDirs()` (at the top level of a test file).
 */
export function useTempDirs(prefix: string): () => Promise<string> {
  const folders: string[] = [];
  afterEach(async () => {
    for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
  });
  return async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), prefix));
    folders.push(folder);
    return folder;
  };
}
