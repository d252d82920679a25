import type { Storage, StoreItems } from 'botbuilder';
import type { Low } from 'lowdb';
import { openJsonDatabase } from './json-database.js';

interface StateFile {
  items: Record<string, { eTag: string; [key: string]: unknown }>;
}

/**
 * botbuilder's Storage (conversation and user state) on a lowdb JSON file, with the same eTag
 * rules as MemoryStorage: a write whose eTag is stale is refused, so two turns of one conversation
 * running at once cannot silently overwrite each other's state.
 */
export class LowdbStorage implements Storage {
  private nextTag = 1;

  private constructor(private readonly db: Low<StateFile>) {}

  static async open(file: string): Promise<LowdbStorage> {
    return new LowdbStorage(await openJsonDatabase<StateFile>(file, { items: {} }));
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const item = this.db.data.items[key];
      if (item) items[key] = structuredClone(item);
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, change] of Object.entries(changes)) {
      const current = this.db.data.items[key];
      const eTag = (change as { eTag?: string }).eTag;
      if (current && eTag && eTag !== '*' && eTag !== current.eTag) {
        throw new Error(`LowdbStorage.write(): the state of '${key}' changed since it was read (eTag ${eTag}, now ${current.eTag}); retry the turn`);
      }
      this.db.data.items[key] = { ...structuredClone(change), eTag: `${Date.now().toString(36)}-${this.nextTag++}` };
    }
    await this.db.write();
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) delete this.db.data.items[key];
    await this.db.write();
  }
}
