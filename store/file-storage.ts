import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { JSONFile } from 'lowdb/node';
import { StoreFileError } from './json-database.js';
import { KeyedQueue } from './keyed-queue.js';

type StoredItem = { eTag: string; [key: string]: unknown };

/**
 * botbuilder's Storage (conversation and user state) as one JSON file per key under
 * `DATA_DIR/state/`, so a turn rewrites only its own conversation's state, however many
 * conversations there are. Same eTag rules as MemoryStorage: a write whose eTag is stale is
 * refused, so two turns of one conversation running at once cannot overwrite each other.
 * Writes go through a temporary file and a rename; writes to one key run one after another.
 */
export class FileStorage implements Storage {
  private readonly queue = new KeyedQueue();
  private nextTag = 1;

  private constructor(private readonly folder: string) {}

  /**
   * Opens the folder; state kept by earlier versions in one `state.json` beside it is moved into
   * per-key files once (the old file is renamed `state.json.migrated`).
   */
  static async open(folder: string, legacyFile?: string): Promise<FileStorage> {
    await mkdir(folder, { recursive: true });
    const storage = new FileStorage(folder);
    if (legacyFile) await storage.migrate(legacyFile);
    return storage;
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
          const current = await this.readItem(key);
          const eTag = (change as { eTag?: string }).eTag;
          if (current && eTag && eTag !== '*' && eTag !== current.eTag) {
            throw new Error(`FileStorage.write(): the state of '${key}' changed since it was read (eTag ${eTag}, now ${current.eTag}); retry the turn`);
          }
          await new JSONFile<StoredItem>(this.fileOf(key)).write({ ...structuredClone(change), eTag: `${Date.now().toString(36)}-${this.nextTag++}` });
        }),
      ),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.queue.run(key, () => rm(this.fileOf(key), { force: true }))));
  }

  private async migrate(legacyFile: string): Promise<void> {
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
    for (const [key, item] of Object.entries(items)) await new JSONFile<StoredItem>(this.fileOf(key)).write(item);
    await rename(legacyFile, `${legacyFile}.migrated`);
  }

  private async readItem(key: string): Promise<StoredItem | undefined> {
    const file = this.fileOf(key);
    try {
      return JSON.parse(await readFile(file, 'utf8')) as StoredItem;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new StoreFileError(file, `the conversation state is not valid JSON (${(error as Error).message})`);
    }
  }

  private fileOf(key: string): string {
    return path.join(this.folder, `${encodeURIComponent(key)}.json`);
  }
}
