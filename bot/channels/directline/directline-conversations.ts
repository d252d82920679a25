import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Activity } from 'botbuilder';

/** A batch of activities and the watermark to ask from next time: the shape Direct Line sends and polls. */
export interface ActivitySet {
  activities: Activity[];
  watermark: string;
}

type Listener = (set: ActivitySet) => void;

interface Conversation {
  id: string;
  /** Watermark of the first activity; a clock reading, so a conversation recreated after a restart continues above any watermark a client holds. */
  base: number;
  next: number;
  activities: { seq: number; activity: Activity; bytes: number }[];
  /** Bytes of `activities` as JSON: what the history holds. */
  bytes: number;
  /** Each stream's listener, with what to do when the conversation is dropped under it (close the stream). */
  listeners: Map<Listener, () => void>;
  /** Turns run one after another, so state saves never race and replies keep their order. */
  queue: Promise<void>;
  startedAt: number;
  lastUsed: number;
  /** True once the customer has sent a message: only such conversations count against the cap. */
  engaged: boolean;
  locale?: string;
  /** Created by a send (an agent's reply) after this process had dropped it: its earlier history is only in the transcript. */
  partial?: boolean;
  /** When the customer's page last polled (polling transport); streams count through `listeners`. */
  lastPolled?: number;
  /** When the last stream closed (or the conversation started, before any): how long the customer has been away. */
  awaySince: number;
}

export interface ConversationLimits {
  /** Activities kept per conversation for polling and reconnects; older ones are dropped first. */
  historyPerConversation: number;
  /** Bytes (as JSON) of history kept per conversation; older activities are dropped first (M5). */
  historyBytesPerConversation: number;
  /** Conversations with a customer message held at once; more are refused with busy until idle ones are dropped. */
  maxConversations: number;
  /** A conversation nobody has used for this long is dropped (its tokens have expired by then). */
  idleMs: number;
  /** A conversation the customer never wrote in is dropped this long after it started, streams or not (H5). */
  emptyMs: number;
}

/** A page that polled this recently is there: Web Chat polls every second, a slow network may take a few. */
export const POLL_PRESENCE_MS = 5000;

/** Whether the customer's page is there now, and since when it has not been. */
export interface Presence {
  /** False when this process no longer holds the conversation (dropped when idle, or never started). */
  held: boolean;
  connected: boolean;
  /** Set while not connected: for how long (ms). */
  awayMs?: number;
}

/** Retry-After of a busy answer: about when an idle conversation may have made room. */
export const BUSY_RETRY_AFTER_SECONDS = 60;
/** A full sweep of the conversations at the cap runs at most this often, so busy answers stay cheap. */
const SWEEP_AT_CAP_EVERY_MS = 1000;

export class ConversationsBusyError extends Error {
  readonly retryAfterSeconds = BUSY_RETRY_AFTER_SECONDS;

  constructor(max: number) {
    super(`DirectLineConversations: ${max} conversations with a customer are open; try again later`);
    this.name = 'ConversationsBusyError';
  }
}

/**
 * The built-in Direct Line's conversations in memory: each one's activities numbered by watermark,
 * and the streams listening to it. A reconnecting client asks from its last watermark and gets
 * exactly what it missed: nothing lost, nothing twice.
 *
 * Starting a conversation costs nothing but a request, so strangers could fill any cap with empty
 * ones (H5). Hence two kinds: an empty conversation (no customer message yet) does not count against
 * `maxConversations`, is dropped `emptyMs` after it started, and when there are as many empty ones as
 * the cap the oldest makes room. A conversation counts once the customer writes (`engage`).
 */
export class DirectLineConversations {
  private readonly conversations = new Map<string, Conversation>();
  /** Ids of the empty conversations, oldest first (they all live for the same `emptyMs`). */
  private readonly empty = new Set<string>();
  private engagedCount = 0;
  private lastSweep = -Infinity;
  private readonly sweeper: NodeJS.Timeout;
  /**
   * `delivered` with the ids of activities a customer's page has received: pushed to an open stream,
   * sent as a reconnecting stream's backlog, or returned to a poll. The console shows it per agent message.
   */
  readonly deliveries = new EventEmitter<{ delivered: [conversationId: string, activityIds: string[]] }>();

  constructor(
    private readonly limits: ConversationLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(limits.idleMs, limits.emptyMs, 60_000));
    this.sweeper.unref();
  }

  static newId(): string {
    return randomBytes(16).toString('base64url');
  }

  has(id: string): boolean {
    return this.conversations.has(id);
  }

  /** True when no new conversation can start: the cap of conversations with a customer is reached. */
  isFull(): boolean {
    if (this.engagedCount < this.limits.maxConversations) return false;
    this.sweepAtCap();
    return this.engagedCount >= this.limits.maxConversations;
  }

  /**
   * The conversation, created (empty) when this process does not hold it yet; `created` says which.
   * Throws ConversationsBusyError when the cap is reached, so nobody starts a chat that cannot go on.
   */
  open(id: string, locale?: string): { created: boolean } {
    const existing = this.conversations.get(id);
    if (existing) {
      existing.lastUsed = this.now();
      return { created: false };
    }
    if (this.isFull()) throw new ConversationsBusyError(this.limits.maxConversations);
    this.dropExpiredEmpty();
    if (this.empty.size >= this.limits.maxConversations) this.drop(this.empty.values().next().value!);
    const now = this.now();
    const base = now * 1000;
    this.conversations.set(id, {
      id,
      base,
      next: base,
      activities: [],
      bytes: 0,
      listeners: new Map(),
      queue: Promise.resolve(),
      startedAt: now,
      lastUsed: now,
      engaged: false,
      locale,
      awaySince: now,
    });
    this.empty.add(id);
    return { created: true };
  }

  /** Counts the conversation against the cap from now on (the customer has written); throws ConversationsBusyError at the cap. */
  engage(id: string): void {
    this.open(id);
    const conversation = this.conversations.get(id)!;
    if (conversation.engaged) return;
    if (this.isFull()) throw new ConversationsBusyError(this.limits.maxConversations);
    conversation.engaged = true;
    this.empty.delete(id);
    this.engagedCount++;
  }

  locale(id: string): string | undefined {
    return this.conversations.get(id)?.locale;
  }

  /** Stores an activity, gives it its id, and pushes it to every open stream of the conversation. */
  append(id: string, activity: Partial<Activity>): Activity & { id: string } {
    const { created } = this.open(id);
    const conversation = this.conversations.get(id)!;
    if (created) conversation.partial = true;
    const seq = conversation.next++;
    const stored = { ...activity, id: `${id}|${String(seq - conversation.base).padStart(7, '0')}`, timestamp: new Date(this.now()) } as Activity & {
      id: string;
    };
    const bytes = Buffer.byteLength(JSON.stringify(stored));
    conversation.activities.push({ seq, activity: stored, bytes });
    conversation.bytes += bytes;
    // The newest activity always stays, even alone above the byte cap: a client must see its own message come back.
    while (
      conversation.activities.length > 1 &&
      (conversation.activities.length > this.limits.historyPerConversation || conversation.bytes > this.limits.historyBytesPerConversation)
    ) {
      conversation.bytes -= conversation.activities.shift()!.bytes;
    }
    conversation.lastUsed = this.now();
    const set = { activities: [stored], watermark: String(seq) };
    for (const listener of conversation.listeners.keys()) listener(set);
    if (conversation.listeners.size > 0) this.deliveries.emit('delivered', id, [stored.id]);
    return stored;
  }

  /**
   * Holds a conversation again that this process had dropped (idle, or a restart) with its messages
   * from the transcript, so a visitor who comes back the next day sees them: when it is not held, or
   * held only since an agent's reply arrived for it (`partial`; the transcript has that reply too).
   * Watermarks keep rising, so no client's watermark points into the rebuilt history. A conversation
   * the customer wrote in counts against the cap again; at the cap it stays empty-kind rather than
   * refusing the visitor their own history. False when it is held whole and nothing was done.
   */
  restore(id: string, history: readonly Partial<Activity>[]): boolean {
    const held = this.conversations.get(id);
    if (held && !held.partial) return false;
    this.open(id);
    const conversation = this.conversations.get(id)!;
    conversation.partial = false;
    conversation.activities = [];
    conversation.bytes = 0;
    for (const activity of history) {
      const seq = conversation.next++;
      const stored = { ...activity, id: `${id}|${String(seq - conversation.base).padStart(7, '0')}` } as Activity & { id: string };
      const bytes = Buffer.byteLength(JSON.stringify(stored));
      conversation.activities.push({ seq, activity: stored, bytes });
      conversation.bytes += bytes;
    }
    while (
      conversation.activities.length > 1 &&
      (conversation.activities.length > this.limits.historyPerConversation || conversation.bytes > this.limits.historyBytesPerConversation)
    ) {
      conversation.bytes -= conversation.activities.shift()!.bytes;
    }
    if (history.some((activity) => activity.from?.role === 'user')) {
      try {
        this.engage(id);
      } catch (error) {
        if (!(error instanceof ConversationsBusyError)) throw error;
      }
    }
    return true;
  }

  /** True when the conversation is held but only since a send after it was dropped (see `restore`). */
  isPartial(id: string): boolean {
    return this.conversations.get(id)?.partial === true;
  }

  /** Everything after a watermark ('' or absent: from the start). */
  after(id: string, watermark: string | undefined): ActivitySet {
    const conversation = this.conversations.get(id);
    if (!conversation) return { activities: [], watermark: watermark ?? '' };
    conversation.lastUsed = this.now();
    const from = parseWatermark(watermark);
    const activities = conversation.activities.filter((entry) => entry.seq > from).map((entry) => entry.activity);
    const last = conversation.next - 1;
    return { activities, watermark: last >= conversation.base ? String(last) : (watermark ?? '') };
  }

  /** A poll of the customer's page: what came after the watermark, and the page counts as there for POLL_PRESENCE_MS. */
  poll(id: string, watermark: string | undefined): ActivitySet {
    const set = this.after(id, watermark);
    const conversation = this.conversations.get(id);
    if (conversation) {
      conversation.lastPolled = this.now();
      if (set.activities.length > 0)
        this.deliveries.emit(
          'delivered',
          id,
          set.activities.map((activity) => activity.id!),
        );
    }
    return set;
  }

  /** Whether the customer's page is there: a stream open, or a poll within POLL_PRESENCE_MS. A conversation not held is away. */
  presence(id: string): Presence {
    const conversation = this.conversations.get(id);
    if (!conversation) return { held: false, connected: false };
    const now = this.now();
    if (conversation.listeners.size > 0) return { held: true, connected: true };
    if (conversation.lastPolled !== undefined && now - conversation.lastPolled < POLL_PRESENCE_MS) return { held: true, connected: true };
    return { held: true, connected: false, awayMs: now - Math.max(conversation.awaySince, (conversation.lastPolled ?? 0) + POLL_PRESENCE_MS) };
  }

  /**
   * Sends what came after `watermark`, then every new activity as it is appended. Both happen in the
   * same tick, so nothing appended in between can fall in the gap. `onDropped` runs when the
   * conversation is dropped while the listener is subscribed (the stream should then close).
   */
  subscribe(id: string, watermark: string | undefined, listener: Listener, onDropped: () => void = () => undefined): () => void {
    this.open(id);
    const conversation = this.conversations.get(id)!;
    const backlog = this.after(id, watermark);
    if (backlog.activities.length > 0) {
      listener(backlog);
      this.deliveries.emit(
        'delivered',
        id,
        backlog.activities.map((activity) => activity.id!),
      );
    }
    conversation.listeners.set(listener, onDropped);
    return () => {
      if (conversation.listeners.delete(listener) && conversation.listeners.size === 0) conversation.awaySince = this.now();
    };
  }

  /** Runs `work` after every earlier turn of the conversation has finished. */
  serialize<T>(id: string, work: () => Promise<T>): Promise<T> {
    this.open(id);
    const conversation = this.conversations.get(id)!;
    const result = conversation.queue.then(work);
    conversation.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** All conversations held. */
  get size(): number {
    return this.conversations.size;
  }

  /** What is held, for operators and tests: conversations with and without a customer message, and the history bytes of one. */
  held(id?: string): { engaged: number; empty: number; historyBytes?: number; historyCount?: number } {
    const conversation = id === undefined ? undefined : this.conversations.get(id);
    return {
      engaged: this.engagedCount,
      empty: this.empty.size,
      ...(conversation ? { historyBytes: conversation.bytes, historyCount: conversation.activities.length } : {}),
    };
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  /** Drops empty conversations past `emptyMs` and idle ones nobody listens to. */
  sweep(): void {
    this.lastSweep = this.now();
    this.dropExpiredEmpty();
    const cutoff = this.now() - this.limits.idleMs;
    for (const [id, conversation] of this.conversations) {
      if (conversation.lastUsed < cutoff && conversation.listeners.size === 0) this.drop(id);
    }
  }

  private sweepAtCap(): void {
    if (this.now() - this.lastSweep >= SWEEP_AT_CAP_EVERY_MS) this.sweep();
  }

  /** The empty set is in start order and every entry lives `emptyMs`, so expired ones are at its front. */
  private dropExpiredEmpty(): void {
    const cutoff = this.now() - this.limits.emptyMs;
    for (const id of this.empty) {
      if (this.conversations.get(id)!.startedAt > cutoff) break;
      this.drop(id);
    }
  }

  private drop(id: string): void {
    const conversation = this.conversations.get(id);
    if (!conversation) return;
    this.conversations.delete(id);
    if (conversation.engaged) this.engagedCount--;
    else this.empty.delete(id);
    for (const onDropped of conversation.listeners.values()) onDropped();
    conversation.listeners.clear();
  }
}

function parseWatermark(watermark: string | undefined): number {
  if (watermark === undefined || watermark === '') return -1;
  const value = Number(watermark);
  return Number.isSafeInteger(value) ? value : -1;
}
