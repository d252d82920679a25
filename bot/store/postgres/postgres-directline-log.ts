import type { Activity } from 'botbuilder';
import type { Pool } from 'pg';
import { ConversationsBusyError, type ActivitySet, type ConversationLimits } from '../../channels/directline/directline-conversations.js';
import type { DirectLineLog } from '../../channels/directline/directline-log.js';
import { KeyedQueue } from '../keyed-queue.js';
import { toJsonb } from './jsonb.js';
import type { PostgresNotifications } from './postgres-notifications.js';

/** The notification topic of a new activity; the payload is the conversation id. */
const TOPIC = 'directline';
/** A full sweep of the conversations at the cap runs at most this often, so busy answers stay cheap. */
const SWEEP_AT_CAP_EVERY_MS = 1000;

// The number is taken under the conversation row's lock and the activity inserted in the same
// statement, so appends to one conversation commit in watermark order on every instance: a reader
// that has seen watermark n never finds n - 1 committed later. The notification goes out on commit.
const APPEND = `
  WITH numbered AS (
    UPDATE directline_conversations SET next_seq = next_seq + 1, last_used = $4 WHERE id = $1 RETURNING next_seq - 1 AS seq, base
  ), stored AS (
    INSERT INTO directline_activities (conversation_id, seq, activity, bytes)
    SELECT $1, seq, $2::jsonb || jsonb_build_object('id', $1 || '|' || lpad((seq - base)::text, 7, '0')), $3 FROM numbered
    RETURNING seq, activity
  )
  SELECT seq::float8 AS seq, activity, pg_notify($5, $6) FROM stored`;

// The newest activity always stays, even alone above the byte cap: a client must see its own message come back.
const TRIM = `
  DELETE FROM directline_activities AS a USING (
    SELECT seq FROM (
      SELECT seq, row_number() OVER newest AS n, sum(bytes) OVER newest AS total
      FROM directline_activities WHERE conversation_id = $1 WINDOW newest AS (ORDER BY seq DESC)
    ) AS ranked WHERE n > 1 AND (n > $2 OR total > $3)
  ) AS old
  WHERE a.conversation_id = $1 AND a.seq = old.seq`;

interface Subscriber {
  listener: (set: ActivitySet) => void;
  onDropped: () => void;
  /** The last watermark this subscriber was sent. */
  last: number;
}

/**
 * The built-in Direct Line's conversations in PostgreSQL, shared by every instance: a customer's
 * stream on instance A receives the bot's reply to a message posted through instance B and an agent's
 * reply sent from instance C, with no sticky sessions.
 *
 * Each append notifies the conversation's id (LISTEN/NOTIFY); every instance with a stream of that
 * conversation reads what its streams have not had yet from the table, so a notification that is
 * lost (the listener was dropped) costs nothing but time: on reconnecting, every stream here is
 * brought up to date from the database. Deliveries to one conversation run one at a time, so each
 * stream gets each activity once and in order.
 */
export class PostgresDirectLineLog implements DirectLineLog {
  private readonly local = new Map<string, Set<Subscriber>>();
  private readonly deliveries = new KeyedQueue();
  private readonly turns = new KeyedQueue();
  private readonly sweeper: NodeJS.Timeout;
  private readonly stopListening: (() => void)[];
  private lastSweep = -Infinity;

  constructor(
    private readonly pool: Pool,
    private readonly notifications: PostgresNotifications,
    private readonly limits: ConversationLimits,
    private readonly now: () => number = Date.now,
    private readonly onProblem: (problem: string, error: unknown) => void = () => undefined,
  ) {
    this.stopListening = [
      notifications.on(TOPIC, (id) => this.deliverIfHere(id)),
      notifications.onReconnect(() => {
        for (const id of this.local.keys()) this.deliverIfHere(id);
      }),
    ];
    this.sweeper = setInterval(
      () => void this.sweep().catch((error: unknown) => onProblem('direct line sweep failed', error)),
      Math.min(limits.idleMs, limits.emptyMs, 60_000),
    );
    this.sweeper.unref();
  }

  async has(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM directline_conversations WHERE id = $1', [id]);
    return (rowCount ?? 0) > 0;
  }

  async isFull(): Promise<boolean> {
    if ((await this.engagedCount()) < this.limits.maxConversations) return false;
    if (this.now() - this.lastSweep < SWEEP_AT_CAP_EVERY_MS) return true;
    await this.sweep();
    return (await this.engagedCount()) >= this.limits.maxConversations;
  }

  async open(id: string, locale?: string): Promise<{ created: boolean }> {
    const now = this.now();
    const touched = await this.pool.query('UPDATE directline_conversations SET last_used = $2 WHERE id = $1', [id, now]);
    if ((touched.rowCount ?? 0) > 0) return { created: false };
    if (await this.isFull()) throw new ConversationsBusyError(this.limits.maxConversations);
    // Empty conversations past their time go, and at as many empty ones as the cap the oldest makes room.
    await this.pool.query('DELETE FROM directline_conversations WHERE NOT engaged AND started_at <= $1', [now - this.limits.emptyMs]);
    await this.pool.query(
      `DELETE FROM directline_conversations WHERE id IN (
         SELECT id FROM directline_conversations WHERE NOT engaged ORDER BY started_at
         LIMIT greatest((SELECT count(*) FROM directline_conversations WHERE NOT engaged) - $1 + 1, 0))`,
      [this.limits.maxConversations],
    );
    const inserted = await this.pool.query(
      `INSERT INTO directline_conversations (id, base, next_seq, locale, started_at, last_used) VALUES ($1, $2, $2, $3, $4, $4) ON CONFLICT (id) DO NOTHING`,
      [id, now * 1000, locale ?? null, now],
    );
    return { created: (inserted.rowCount ?? 0) > 0 };
  }

  async engage(id: string): Promise<void> {
    await this.open(id);
    const { rows } = await this.pool.query<{ engaged: boolean }>('SELECT engaged FROM directline_conversations WHERE id = $1', [id]);
    if (rows[0]?.engaged) return;
    if (await this.isFull()) throw new ConversationsBusyError(this.limits.maxConversations);
    await this.pool.query('UPDATE directline_conversations SET engaged = true WHERE id = $1', [id]);
  }

  async locale(id: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ locale: string | null }>('SELECT locale FROM directline_conversations WHERE id = $1', [id]);
    return rows[0]?.locale ?? undefined;
  }

  async append(id: string, activity: Partial<Activity>): Promise<Activity & { id: string }> {
    await this.open(id);
    const json = toJsonb({ ...activity, timestamp: new Date(this.now()) });
    const bytes = Buffer.byteLength(json) + id.length + 16;
    const { rows } = await this.pool.query<{ seq: number; activity: Activity & { id: string } }>(APPEND, [
      id,
      json,
      bytes,
      this.now(),
      ...this.notifications.message(TOPIC, id),
    ]);
    if (!rows[0]) throw new Error(`PostgresDirectLineLog.append(): conversation ${id} was dropped while appending`);
    await this.pool.query(TRIM, [id, this.limits.historyPerConversation, this.limits.historyBytesPerConversation]);
    return rows[0].activity;
  }

  /** Polls are counted per instance (StreamPresence wraps this log); here a poll is `after`. */
  poll(id: string, watermark: string | undefined): Promise<ActivitySet> {
    return this.after(id, watermark);
  }

  async after(id: string, watermark: string | undefined): Promise<ActivitySet> {
    const { rows } = await this.pool.query<{ last: number; base: number }>(
      'UPDATE directline_conversations SET last_used = $2 WHERE id = $1 RETURNING next_seq::float8 - 1 AS last, base::float8 AS base',
      [id, this.now()],
    );
    const conversation = rows[0];
    if (!conversation) return { activities: [], watermark: watermark ?? '' };
    const activities = await this.since(id, parseWatermark(watermark));
    return {
      activities: activities.map((row) => row.activity),
      watermark: conversation.last >= conversation.base ? String(conversation.last) : (watermark ?? ''),
    };
  }

  async subscribe(
    id: string,
    watermark: string | undefined,
    listener: (set: ActivitySet) => void,
    onDropped: () => void = () => undefined,
  ): Promise<() => void> {
    await this.open(id);
    const subscriber: Subscriber = { listener, onDropped, last: parseWatermark(watermark) };
    const set = this.local.get(id) ?? new Set<Subscriber>();
    set.add(subscriber);
    this.local.set(id, set);
    // Registered first, then the backlog read through the same queue as every notification: nothing
    // appended meanwhile can fall in between, and nothing is sent twice.
    await this.deliveries.run(id, () => this.deliver(id));
    return () => {
      set.delete(subscriber);
      if (set.size === 0 && this.local.get(id) === set) this.local.delete(id);
    };
  }

  serialize<T>(id: string, work: () => Promise<T>): Promise<T> {
    return this.turns.run(id, work);
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const stop of this.stopListening) stop();
  }

  /** Drops empty conversations past `emptyMs` and idle ones; a conversation with a stream here counts as used. */
  async sweep(): Promise<void> {
    const now = this.now();
    this.lastSweep = now;
    if (this.local.size > 0)
      await this.pool.query('UPDATE directline_conversations SET last_used = $2 WHERE id = ANY($1::text[])', [[...this.local.keys()], now]);
    await this.pool.query('DELETE FROM directline_conversations WHERE (NOT engaged AND started_at <= $1) OR last_used < $2', [
      now - this.limits.emptyMs,
      now - this.limits.idleMs,
    ]);
    if (this.local.size === 0) return;
    const { rows } = await this.pool.query<{ id: string }>('SELECT id FROM directline_conversations WHERE id = ANY($1::text[])', [[...this.local.keys()]]);
    const kept = new Set(rows.map((row) => row.id));
    for (const [id, subscribers] of this.local) {
      if (kept.has(id)) continue;
      this.local.delete(id);
      for (const subscriber of subscribers) subscriber.onDropped();
    }
  }

  private async engagedCount(): Promise<number> {
    const { rows } = await this.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM directline_conversations WHERE engaged');
    return rows[0]!.count;
  }

  private since(id: string, after: number): Promise<{ seq: number; activity: Activity }[]> {
    return this.pool
      .query<{ seq: number; activity: Activity }>(
        'SELECT seq::float8 AS seq, activity FROM directline_activities WHERE conversation_id = $1 AND seq > $2 ORDER BY seq',
        [id, after],
      )
      .then((result) => result.rows);
  }

  private deliverIfHere(id: string): void {
    if (!this.local.has(id)) return;
    this.deliveries.run(id, () => this.deliver(id)).catch((error: unknown) => this.onProblem('could not deliver direct line activities to a stream', error));
  }

  /** Sends every subscriber of `id` on this instance what it has not had yet. */
  private async deliver(id: string): Promise<void> {
    const subscribers = this.local.get(id);
    if (!subscribers || subscribers.size === 0) return;
    const rows = await this.since(id, Math.min(...[...subscribers].map((subscriber) => subscriber.last)));
    for (const subscriber of subscribers) {
      const fresh = rows.filter((row) => row.seq > subscriber.last);
      if (fresh.length === 0) continue;
      subscriber.last = fresh[fresh.length - 1]!.seq;
      subscriber.listener({ activities: fresh.map((row) => row.activity), watermark: String(subscriber.last) });
    }
  }
}

function parseWatermark(watermark: string | undefined): number {
  if (watermark === undefined || watermark === '') return -1;
  const value = Number(watermark);
  return Number.isSafeInteger(value) ? value : -1;
}
