import type { Pool } from 'pg';
import { POLL_PRESENCE_MS, type Presence } from '../../channels/directline/directline-conversations.js';
import type { Page, SharedPages } from '../../channels/directline/stream-presence.js';
import { CONSOLE_HEARTBEAT_MS, CONSOLE_STALE_MS } from './postgres-agent-presence.js';

/** A conversation with one instance's view of its page (all null: no instance has served it yet). */
interface PageRow {
  started_at: string;
  streams: number | null;
  last_polled: string | null;
  away_since: string | null;
  seen_at: string | null;
}

/**
 * Whether a customer's web chat page is there, across the instances: each instance writes the streams
 * it serves the page and its last poll there (`directline_pages`, one row per conversation and
 * instance), and any instance reads them all, so an agent reply sent through one instance to a
 * customer whose stream is on another counts as delivered.
 *
 * An instance marks its rows with open streams every `CONSOLE_HEARTBEAT_MS`; the streams of an
 * instance that was killed count as closed after `CONSOLE_STALE_MS` (away since last marked). Rows of
 * pages away longer than `forgetMs`, and of conversations dropped, are deleted in the same round.
 */
export class PostgresSharedPages implements SharedPages {
  private writing: Promise<void> = Promise.resolve();
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    /** This instance's id: its rows. */
    private readonly instance: string,
    private readonly now: () => number,
    private readonly forgetMs: number,
    private readonly onProblem: (problem: string, error: unknown) => void,
    heartbeatMs = CONSOLE_HEARTBEAT_MS,
  ) {
    this.heartbeat = setInterval(() => void this.markAndForget(), heartbeatMs);
    this.heartbeat.unref();
  }

  write(conversationId: string, page: Page): Promise<void> {
    // In order: a stream's close written after its open, never before.
    const write = this.writing.then(async () => {
      if (this.closed) return;
      await this.pool.query(
        `INSERT INTO directline_pages (conversation_id, instance, streams, last_polled, away_since, seen_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (conversation_id, instance) DO UPDATE SET
           streams = EXCLUDED.streams, last_polled = EXCLUDED.last_polled, away_since = EXCLUDED.away_since, seen_at = EXCLUDED.seen_at`,
        [conversationId, this.instance, page.streams, page.lastPolled ?? null, page.awaySince, this.now()],
      );
    });
    this.writing = write.catch(() => undefined);
    return write;
  }

  async presence(conversationId: string): Promise<Presence> {
    const { rows } = await this.pool.query<PageRow>(
      `SELECT c.started_at, p.streams, p.last_polled, p.away_since, p.seen_at
       FROM directline_conversations c LEFT JOIN directline_pages p ON p.conversation_id = c.id WHERE c.id = $1`,
      [conversationId],
    );
    // A conversation dropped when idle (or never started): no page to come back to.
    if (rows.length === 0) return { held: false, connected: false };
    const now = this.now();
    // As in one process: away since the conversation started until a stream or a poll says otherwise.
    let awaySince = Number(rows[0]!.started_at);
    for (const row of rows) {
      if (row.streams === null) continue;
      const seenAt = Number(row.seen_at);
      const lastPolled = row.last_polled === null ? undefined : Number(row.last_polled);
      if (row.streams > 0 && seenAt > now - CONSOLE_STALE_MS) return { held: true, connected: true };
      if (lastPolled !== undefined && now - lastPolled < POLL_PRESENCE_MS) return { held: true, connected: true };
      // Streams of a killed instance: gone since it last said they were open.
      awaySince = Math.max(awaySince, row.streams > 0 ? seenAt : Number(row.away_since), lastPolled === undefined ? 0 : lastPolled + POLL_PRESENCE_MS);
    }
    return { held: true, connected: false, awayMs: now - awaySince };
  }

  /**
   * Stops marking; once what was written is stored, this instance's streams count as closed (a
   * graceful shutdown: the customers reconnect to another instance, which writes them open again).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    clearInterval(this.heartbeat);
    await this.writing;
    this.closed = true;
    const now = this.now();
    await this.pool
      .query('UPDATE directline_pages SET streams = 0, away_since = $2, seen_at = $2 WHERE instance = $1 AND streams > 0', [this.instance, now])
      .catch((error: unknown) => this.onProblem("could not mark the customers' pages of this instance as closed", error));
  }

  private async markAndForget(): Promise<void> {
    if (this.closed) return;
    const now = this.now();
    try {
      await this.pool.query('UPDATE directline_pages SET seen_at = $2 WHERE instance = $1 AND streams > 0', [this.instance, now]);
      await this.pool.query(
        `DELETE FROM directline_pages p WHERE
           (greatest(CASE WHEN streams > 0 THEN seen_at ELSE away_since END, coalesce(last_polled, 0)) < $1 AND (streams = 0 OR seen_at < $2))
           OR (streams = 0 AND NOT EXISTS (SELECT 1 FROM directline_conversations c WHERE c.id = p.conversation_id))`,
        [now - this.forgetMs, now - CONSOLE_STALE_MS],
      );
    } catch (error) {
      this.onProblem("could not mark the customers' pages this instance serves", error);
    }
  }
}
