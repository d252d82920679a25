import type { Activity, PagedResult, TranscriptInfo, TranscriptStore } from 'botbuilder';
import { toJsonb } from './jsonb.js';
import type { Pool } from 'pg';
import { KeyedQueue } from '../keyed-queue.js';
import { isTranscriptWorthy, storableActivity } from '../storable-activity.js';
import { TRANSCRIPT_PAGE_SIZE } from '../file-transcript-store.js';

// The conversation's row and its activities, in one statement (one round trip per batch). The ids
// are taken in the order of the array (ORDER BY the position), which is the order they were logged.
const APPEND = `
  WITH conversation AS (
    INSERT INTO transcripts (channel_id, conversation_id) VALUES ($1, $2)
    ON CONFLICT (channel_id, conversation_id) DO UPDATE SET updated_at = now()
  )
  INSERT INTO transcript_activities (channel_id, conversation_id, activity_at, activity)
  SELECT $1, $2, (entry->>'at')::timestamptz, entry->'activity' FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS batch(entry, position)
  ORDER BY position`;

/** Activities of one conversation waiting for the append in flight before them; written together. */
interface Batch {
  entries: { at: string | null; activity: unknown }[];
  written: Promise<void>;
}

/**
 * botbuilder's TranscriptStore in PostgreSQL: each activity appended as one row, so a turn costs
 * the same however long the conversation has been. `redact` runs on every content string before it
 * is written, as in the file store: personal data never reaches the database.
 *
 * The transcript logger does not wait for its writes, and it logs a turn's activities back to back
 * once the turn is done: appends to one conversation run one after another here, or a pool would
 * let the bot's reply overtake the customer's message, and the activities logged while the previous
 * append of their conversation ran (or in the same tick) go in one INSERT, so a turn's message and
 * replies cost one round trip, not one each. Reads wait for this instance's pending appends.
 */
export class PostgresTranscriptStore implements TranscriptStore {
  private readonly queue = new KeyedQueue();
  private readonly batches = new Map<string, Batch>();

  constructor(
    private readonly pool: Pool,
    private readonly redact: (text: string) => string = (text) => text,
  ) {}

  logActivity(activity: Activity): Promise<void> {
    if (!isTranscriptWorthy(activity)) return Promise.resolve();
    const channelId = activity.channelId;
    const conversationId = activity.conversation?.id;
    if (!channelId || !conversationId)
      return Promise.reject(new Error('PostgresTranscriptStore.logActivity(): the activity has no channelId or conversation.id'));
    const stored = storableActivity(activity, this.redact);
    const at = stored.timestamp ? new Date(stored.timestamp) : null;
    const entry = { at: at && !Number.isNaN(at.getTime()) ? at.toISOString() : null, activity: stored };
    const key = queueKey(channelId, conversationId);
    const waiting = this.batches.get(key);
    if (waiting) {
      waiting.entries.push(entry);
      return waiting.written;
    }
    const batch: Batch = { entries: [entry], written: Promise.resolve() };
    this.batches.set(key, batch);
    batch.written = this.queue.run(key, async () => {
      // From here on, activities logged go into the next batch: this one's INSERT is on its way.
      this.batches.delete(key);
      await this.pool.query(APPEND, [channelId, conversationId, toJsonb(batch.entries)]);
    });
    return batch.written;
  }

  /** Pages of `TRANSCRIPT_PAGE_SIZE`; the token is the id of the last activity handed out. */
  async getTranscriptActivities(channelId: string, conversationId: string, continuationToken?: string, startDate?: Date): Promise<PagedResult<Activity>> {
    await this.queue.idle(queueKey(channelId, conversationId));
    const after = continuationToken ? Number.parseInt(continuationToken, 10) : 0;
    const { rows } = await this.pool.query<{ token: string; activity: Activity }>(
      `SELECT id::text AS token, activity FROM transcript_activities
       WHERE channel_id = $1 AND conversation_id = $2 AND id > $3 AND ($4::timestamptz IS NULL OR coalesce(activity_at, 'epoch') >= $4)
       ORDER BY id LIMIT $5`,
      [channelId, conversationId, Number.isNaN(after) ? 0 : after, startDate ?? null, TRANSCRIPT_PAGE_SIZE + 1],
    );
    const items = rows.slice(0, TRANSCRIPT_PAGE_SIZE);
    return { items: items.map((row) => row.activity), continuationToken: rows.length > TRANSCRIPT_PAGE_SIZE ? items[items.length - 1]!.token : '' };
  }

  /** Every activity of a conversation, in the order they were logged. */
  async allActivities(channelId: string, conversationId: string): Promise<Activity[]> {
    await this.queue.idle(queueKey(channelId, conversationId));
    const { rows } = await this.pool.query<{ activity: Activity }>(
      'SELECT activity FROM transcript_activities WHERE channel_id = $1 AND conversation_id = $2 ORDER BY id',
      [channelId, conversationId],
    );
    return rows.map((row) => row.activity);
  }

  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    const from = continuationToken ? Number.parseInt(continuationToken, 10) : 0;
    const { rows } = await this.pool.query<{ conversation_id: string; created_at: Date }>(
      'SELECT conversation_id, created_at FROM transcripts WHERE channel_id = $1 ORDER BY conversation_id OFFSET $2 LIMIT $3',
      [channelId, Number.isNaN(from) ? 0 : from, TRANSCRIPT_PAGE_SIZE + 1],
    );
    const items = rows.slice(0, TRANSCRIPT_PAGE_SIZE).map((row) => ({ channelId, id: row.conversation_id, created: row.created_at }));
    return { items, continuationToken: rows.length > TRANSCRIPT_PAGE_SIZE ? String(from + items.length) : '' };
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    // Activities logged after this call must not join a batch queued before it, and be deleted with it.
    this.batches.delete(queueKey(channelId, conversationId));
    // The activities go with their conversation (ON DELETE CASCADE).
    await this.queue.run(
      queueKey(channelId, conversationId),
      async () => void (await this.pool.query('DELETE FROM transcripts WHERE channel_id = $1 AND conversation_id = $2', [channelId, conversationId])),
    );
  }

  /** Resolves when every append this instance started has finished. */
  async flush(): Promise<void> {
    await this.queue.drain();
  }

  /** Conversations whose transcript has not changed since `before` (for retention). */
  async untouchedSince(before: Date): Promise<{ channelId: string; conversationId: string }[]> {
    const { rows } = await this.pool.query<{ channel_id: string; conversation_id: string }>(
      'SELECT channel_id, conversation_id FROM transcripts WHERE updated_at < $1',
      [before],
    );
    return rows.map((row) => ({ channelId: row.channel_id, conversationId: row.conversation_id }));
  }
}

function queueKey(channelId: string, conversationId: string): string {
  return JSON.stringify([channelId, conversationId]);
}
