import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { LANGUAGES } from '../../core/index.js';
import { VERDICTS } from '../../core/nlu/index.js';
import { INBOX_KINDS, type InboxEntry, type InboxItem, type LearningInbox } from '../../dialogs/learning-inbox.js';
import { StoreFileError, writeJsonDurably } from './json-database.js';
import type { WriteReporter } from './storage-health.js';

/** The file in DATA_DIR. */
export const LEARNING_INBOX_FILE = 'learning-inbox.json';

/**
 * At most this many items are kept; past it the oldest go first. A bot that misses a lot (new content,
 * a flood of nonsense) still keeps the file small (about 2 MB) and its rewrite quick.
 */
export const MAX_INBOX_ITEMS = 5_000;

const itemSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{16}$/),
  kind: z.enum(Object.values(INBOX_KINDS)),
  text: z.string(),
  language: z.enum(LANGUAGES),
  at: z.iso.datetime(),
  conversationKey: z.string(),
  verdict: z.enum(VERDICTS),
  score: z.number(),
  ranking: z.array(z.object({ intent: z.string(), score: z.number() })),
  answeredIntent: z.string().optional(),
  botAnswer: z.string().optional(),
});

const fileSchema = z.object({ version: z.literal(1), items: z.array(itemSchema) });

/**
 * The learning inbox in one JSON file in DATA_DIR, held in memory (newest first) and rewritten through
 * a temporary file and a rename after each change. Writes run one at a time and coalesce: a burst of
 * misses costs one rewrite, not one each. The customer's turn never waits for the disk; a failed write
 * is reported to /healthz like every store's, and the next change writes everything again.
 */
export class FileLearningInbox implements LearningInbox {
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  private constructor(
    private readonly file: string,
    private items: InboxItem[],
    private readonly reporter: WriteReporter | undefined,
  ) {}

  /** Reads the file (a missing one is empty); a file that is not ours stops start-up and is left untouched. */
  static async open(file: string, reporter?: WriteReporter): Promise<FileLearningInbox> {
    let text: string | undefined;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new StoreFileError(file, (error as Error).message);
    }
    if (text === undefined) {
      await mkdir(path.dirname(file), { recursive: true });
      return new FileLearningInbox(file, [], reporter);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new StoreFileError(file, `it is not valid JSON (${(error as Error).message})`);
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) throw new StoreFileError(file, `it is not a learning-inbox file (${parsed.error.issues[0]?.message ?? 'wrong shape'})`);
    return new FileLearningInbox(file, parsed.data.items, reporter);
  }

  record(entry: InboxEntry): void {
    this.items.unshift({ id: randomBytes(8).toString('hex'), ...entry });
    if (this.items.length > MAX_INBOX_ITEMS) this.items.length = MAX_INBOX_ITEMS;
    void this.save().catch(() => undefined);
  }

  async list(): Promise<InboxItem[]> {
    return this.items.map((item) => ({ ...item, ranking: item.ranking.map((ranked) => ({ ...ranked })) }));
  }

  remove(ids: readonly string[]): Promise<number> {
    const wanted = new Set(ids);
    return this.removeWhere((item) => wanted.has(item.id));
  }

  forgetConversations(keys: readonly string[]): Promise<number> {
    const wanted = new Set(keys);
    return this.removeWhere((item) => wanted.has(item.conversationKey));
  }

  removeOlderThan(cutoff: Date): Promise<number> {
    const limit = cutoff.getTime();
    return this.removeWhere((item) => Date.parse(item.at) < limit);
  }

  /** Resolves once every change so far is on disk; rejects when the last write failed. */
  async flush(): Promise<void> {
    await this.save();
  }

  /** Removing waits for the disk: an erasure or a handled item must not come back after a restart. */
  private async removeWhere(test: (item: InboxItem) => boolean): Promise<number> {
    const before = this.items.length;
    this.items = this.items.filter((item) => !test(item));
    const removed = before - this.items.length;
    if (removed > 0) await this.save();
    return removed;
  }

  private save(): Promise<void> {
    this.dirty = true;
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        if (!this.dirty) return;
        this.dirty = false;
        try {
          await writeJsonDurably(this.file, { version: 1, items: this.items });
          this.reporter?.succeeded('learning-inbox');
        } catch (error) {
          this.dirty = true;
          this.reporter?.failed('learning-inbox', error);
          throw error;
        }
      });
    return this.writing;
  }
}
