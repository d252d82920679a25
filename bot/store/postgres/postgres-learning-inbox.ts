import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { InboxEntry, InboxItem, LearningInbox } from '../../../dialogs/learning-inbox.js';
import { MAX_INBOX_ITEMS } from '../file-learning-inbox.js';
import type { WriteReporter } from '../storage-health.js';
import { toJsonb } from './jsonb.js';

/**
 * The learning inbox in PostgreSQL (DATABASE_URL), shared by the instances, bounded like the file
 * store: past MAX_INBOX_ITEMS the oldest go first. Recording never blocks the customer's turn; a
 * failed write is reported to /healthz like every store's.
 */
export class PostgresLearningInbox implements LearningInbox {
  private readonly pending = new Set<Promise<void>>();

  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly pool: Pool,
    private readonly reporter?: WriteReporter,
  ) {}

  record(entry: InboxEntry): void {
    const item: InboxItem = { id: randomBytes(8).toString('hex'), ...entry };
    // One insert after another: two at once on the pool could commit out of order, and the inbox lists newest first by seq.
    const write = this.tail
      .then(() => this.insert(item))
      .then(
        () => this.reporter?.succeeded('learning-inbox'),
        (error: unknown) => this.reporter?.failed('learning-inbox', error),
      );
    this.tail = write;
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
  }

  async list(): Promise<InboxItem[]> {
    const { rows } = await this.pool.query<{ item: InboxItem }>('SELECT item FROM learning_inbox ORDER BY seq DESC LIMIT $1', [MAX_INBOX_ITEMS]);
    return rows.map((row) => row.item);
  }

  async remove(ids: readonly string[]): Promise<number> {
    const { rowCount } = await this.pool.query('DELETE FROM learning_inbox WHERE id = ANY($1::text[])', [ids]);
    return rowCount ?? 0;
  }

  async forgetConversations(keys: readonly string[]): Promise<number> {
    const { rowCount } = await this.pool.query('DELETE FROM learning_inbox WHERE conversation_key = ANY($1::text[])', [keys]);
    return rowCount ?? 0;
  }

  async removeOlderThan(cutoff: Date): Promise<number> {
    const { rowCount } = await this.pool.query('DELETE FROM learning_inbox WHERE at < $1', [cutoff]);
    return rowCount ?? 0;
  }

  /** Resolves once the items recorded so far are written (or have failed and been reported). */
  async flush(): Promise<void> {
    await Promise.all(this.pending);
  }

  private async insert(item: InboxItem): Promise<void> {
    await this.pool.query('INSERT INTO learning_inbox (id, at, conversation_key, item) VALUES ($1, $2, $3, $4)', [
      item.id,
      item.at,
      item.conversationKey,
      toJsonb(item),
    ]);
    // The bound: everything older than the newest MAX_INBOX_ITEMS.
    await this.pool.query('DELETE FROM learning_inbox WHERE seq <= (SELECT seq FROM learning_inbox ORDER BY seq DESC OFFSET $1 LIMIT 1)', [MAX_INBOX_ITEMS]);
  }
}
