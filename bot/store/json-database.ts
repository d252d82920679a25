import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';

export class StoreFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`the data file ${file} cannot be used: ${reason}. Nothing was overwritten; restore it from a backup or move it away, then start again.`);
    this.name = 'StoreFileError';
  }
}

/**
 * Opens (or creates) a lowdb JSON file. A file that exists but is not valid JSON stops start-up:
 * lowdb would otherwise treat it as empty and the next write would destroy what was in it.
 * lowdb writes through steno: a temporary file renamed over the old one, so a crash mid-write
 * leaves the previous version intact. steno does not fsync: files whose loss after a power cut
 * matters are written with `writeJsonDurably` instead.
 */
export async function openJsonDatabase<T extends object>(file: string, empty: T): Promise<Low<T>> {
  await mkdir(path.dirname(file), { recursive: true });
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new StoreFileError(file, (error as Error).message);
  }
  if (text !== undefined) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('the top level is not an object');
    } catch (error) {
      throw new StoreFileError(file, `it is not valid JSON (${(error as Error).message})`);
    }
  }
  const db = new Low<T>(new JSONFile<T>(file), structuredClone(empty));
  await db.read();
  db.data = { ...structuredClone(empty), ...db.data };
  if (text === undefined) await writeJsonDurably(file, db.data);
  return db;
}

/**
 * Writes `data` as JSON through a temporary file renamed over `file`, with the temporary file
 * fsynced before the rename and the folder after it. Without the first fsync a power cut can leave
 * a zero-length file under the new name (which refuses start-up); without the second the rename
 * itself may be lost, and the journal emptied after it would take its lines with it.
 */
export async function writeJsonDurably(file: string, data: unknown): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(JSON.stringify(data, null, 2));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
  await syncFolder(path.dirname(file));
}

/** Makes a rename or a new file in `folder` durable (fsync of the directory itself). */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
