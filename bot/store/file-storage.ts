import { readFile as readFileCallback, writeFile as writeFileCallback } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import path from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { hashedFileName, isHashedFileName } from './hashed-file-name.js';
import { StoreFileError } from './json-database.js';
import { KeyedQueue } from './keyed-queue.js';

type StoredItem = { eTag: string; [key: string]: unknown };

/** One state file: the key it belongs to (file names are hashes) and the item botbuilder stored. */
interface StateFile {
  key: string;
  item: StoredItem;
}

const EXTENSION = '.json';
const MAX_KNOWN_TAGS = 10_000;
/** Reads and writes of a turn's state file without a FileHandle (see `writeItem`). */
const readFileQuickly = promisify(readFileCallback);
const writeFileQuickly = promisify(writeFileCallback);

/** The name of the file that holds a state key: `<channel>-<sha256 of the key>.json`. */
export function stateFileName(key: string): string {
  return hashedFileName(key.split('/')[0] ?? '', key, EXTENSION);
}

/** Hex digits of a file name's hash kept in the `mayExist` filter: 28 bits stay a small integer; with a million files stored, a new key looks on disk in 1 case of 270. */
const FILTER_HEX_DIGITS = 7;

/** The filter entry of a hashed state file name (`<prefix>-<64 hex>.json`): the first digits of its hash. */
function filterEntryOf(name: string): number {
  const hashStart = name.length - EXTENSION.length - 64;
  return Number.parseInt(name.slice(hashStart, hashStart + FILTER_HEX_DIGITS), 16);
}

/**
 * botbuilder's Storage (conversation and user state) as one JSON file per key under
 * `DATA_DIR/state/`, so a turn rewrites only its own conversation's state, however many
 * conversations there are. Same eTag rules as MemoryStorage: a write whose eTag is stale is
 * refused, so two turns of one conversation running at once cannot overwrite each other.
 * Writes go through a temporary file and a rename; writes to one key run one after another.
 *
 * A file is named after the hash of its key (`<channel>-<sha256>.json`, see `hashedFileName`) and
 * holds the key itself: keys are built from channel and conversation ids that come from outside, and
 * a raw id such as `..` must never choose the file.
 */
export class FileStorage implements Storage {
  private readonly queue = new KeyedQueue();
  private nextTag = 1;
  /**
   * The eTag of each key's file as this process last wrote it, so a write checks its eTag without
   * reading the file back first (that read was one file open in five of a FAQ turn). Only this
   * process writes DATA_DIR (the folder lock), and every write and delete of a key runs through the
   * queue and keeps this map true; a key not in it is read from disk as before. Bounded: the oldest
   * keys are forgotten past `MAX_KNOWN_TAGS`.
   */
  private readonly writtenTags = new Map<string, string>();
  /**
   * A filter of the state files that may exist: the start of the hash of every file found at start-up
   * or written since. A key whose file is not in it has no file, so reading it costs no file call: a
   * conversation's first turn otherwise opened a file that was not there (the failed open and its
   * error were 3 % of a FAQ turn's CPU). Sound because only this process writes DATA_DIR (the folder
   * lock): a file made behind its back is seen after a restart. Never shrinks (two keys may share an
   * entry, so a delete cannot take one out); a key that is in it but has no file is read from disk as
   * before. A number per file, not the name, to keep it small at a million conversations.
   */
  private readonly mayExist = new Set<number>();

  private constructor(private readonly folder: string) {}

  /**
   * Opens the folder and brings older layouts up to date, once: state kept by early versions in one
   * `state.json` beside it (renamed `state.json.migrated` afterwards), then files named after the
   * URI-encoded key (each rewritten under its hashed name, then removed).
   */
  static async open(folder: string, legacyFile?: string): Promise<FileStorage> {
    await mkdir(folder, { recursive: true });
    const storage = new FileStorage(folder);
    if (legacyFile) await storage.migrateSingleFile(legacyFile);
    await storage.migrateEncodedNames();
    for (const name of await readdir(folder)) if (isHashedFileName(name, EXTENSION)) storage.mayExist.add(filterEntryOf(name));
    return storage;
  }

  /** The file that holds `key`; always directly inside the folder, whatever the key. */
  fileOf(key: string): string {
    return path.join(this.folder, stateFileName(key));
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      await this.queue.idle(key);
      const item = await this.readItem(key);
      if (item) items[key] = item;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(([key, change]) =>
        this.queue.run(key, async () => {
          const eTag = (change as { eTag?: string }).eTag;
          if (eTag && eTag !== '*') {
            const currentTag = this.writtenTags.get(key) ?? (await this.readItem(key))?.eTag;
            if (currentTag !== undefined && eTag !== currentTag) {
              throw new Error(`FileStorage.write(): the state of '${key}' changed since it was read (eTag ${eTag}, now ${currentTag}); retry the turn`);
            }
          }
          await this.writeItem(key, { ...structuredClone(change), eTag: `${Date.now().toString(36)}-${this.nextTag++}` });
        }),
      ),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(
      keys.map((key) =>
        this.queue.run(key, async () => {
          this.writtenTags.delete(key);
          await rm(this.fileOf(key), { force: true });
        }),
      ),
    );
  }

  private async migrateSingleFile(legacyFile: string): Promise<void> {
    let text: string;
    try {
      text = await readFile(legacyFile, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new StoreFileError(legacyFile, (error as Error).message);
    }
    let items: Record<string, StoredItem>;
    try {
      items = (JSON.parse(text) as { items: Record<string, StoredItem> }).items;
      if (typeof items !== 'object' || items === null) throw new Error('it has no "items" object');
    } catch (error) {
      throw new StoreFileError(legacyFile, `it is not valid state JSON (${(error as Error).message})`);
    }
    for (const [key, item] of Object.entries(items)) await this.writeItem(key, item);
    await rename(legacyFile, `${legacyFile}.migrated`);
  }

  /**
   * Files of the previous layout (`encodeURIComponent(key).json`): each is written under its hashed
   * name first (atomically, through a temporary file) and removed only then, so a crash in between
   * leaves the old file, and the next start-up simply does it again. Names that are not an encoded
   * key, and files that are not JSON, are left where they are for an operator to look at.
   */
  private async migrateEncodedNames(): Promise<void> {
    for (const name of await readdir(this.folder)) {
      if (!name.endsWith(EXTENSION) || isHashedFileName(name, EXTENSION)) continue;
      let key: string;
      let item: StoredItem;
      try {
        key = decodeURIComponent(name.slice(0, -EXTENSION.length));
        item = JSON.parse(await readFile(path.join(this.folder, name), 'utf8')) as StoredItem;
      } catch {
        continue;
      }
      await this.writeItem(key, item);
      await rm(path.join(this.folder, name), { force: true });
    }
  }

  private async writeItem(key: string, item: StoredItem): Promise<void> {
    // Forgotten first: if the write fails, what is on disk is unknown and the next write reads it.
    this.writtenTags.delete(key);
    // Written whole to `.<name>.tmp` beside it, then renamed over it, as lowdb's JSONFile does (the
    // name stays the same, so a temporary file left by a crash is recognisable), with the callback
    // writeFile: the promise API's file handles cost a turn about 40 % more CPU per file.
    const name = stateFileName(key);
    const file = path.join(this.folder, name);
    const temporary = path.join(this.folder, `.${name}.tmp`);
    // Before the write: a write that fails half way may still leave the file.
    this.mayExist.add(filterEntryOf(name));
    await writeFileQuickly(temporary, JSON.stringify({ key, item } satisfies StateFile, null, 2), 'utf8');
    await rename(temporary, file);
    this.writtenTags.set(key, item.eTag);
    if (this.writtenTags.size > MAX_KNOWN_TAGS) this.writtenTags.delete(this.writtenTags.keys().next().value!);
  }

  private async readItem(key: string): Promise<StoredItem | undefined> {
    const name = stateFileName(key);
    if (!this.mayExist.has(filterEntryOf(name))) return undefined;
    const file = path.join(this.folder, name);
    let stored: Partial<StateFile>;
    try {
      stored = JSON.parse(await readFileQuickly(file, 'utf8')) as Partial<StateFile>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new StoreFileError(file, `the conversation state is not valid JSON (${(error as Error).message})`);
    }
    if (stored.key !== key || typeof stored.item !== 'object' || stored.item === null) {
      throw new StoreFileError(file, `it is not the state of '${key}' (it holds ${JSON.stringify(stored.key)})`);
    }
    return stored.item;
  }
}
