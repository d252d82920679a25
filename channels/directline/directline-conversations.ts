import { randomBytes } from 'node:crypto';
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
  activities: { seq: number; activity: Activity }[];
  listeners: Set<Listener>;
  /** Turns run one after another, so state saves never race and replies keep their order. */
  queue: Promise<void>;
  lastUsed: number;
  locale?: string;
}

export interface ConversationLimits {
  /** Activities kept per conversation for polling and reconnects; older ones are dropped first. */
  historyPerConversation: number;
  /** Conversations held at once; starting one more is refused until idle ones are dropped. */
  maxConversations: number;
  /** A conversation nobody has used for this long is dropped (its tokens have expired by then). */
  idleMs: number;
}

export class ConversationLimitError extends Error {
  constructor(max: number) {
    super(`DirectLineConversations.open(): ${max} conversations are open; try again later`);
    this.name = 'ConversationLimitError';
  }
}

/**
 * The built-in Direct Line's conversations in memory: each one's activities numbered by watermark,
 * and the streams listening to it. A reconnecting client asks from its last watermark and gets
 * exactly what it missed: nothing lost, nothing twice.
 */
export class DirectLineConversations {
  private readonly conversations = new Map<string, Conversation>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly limits: ConversationLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(limits.idleMs, 60_000));
    this.sweeper.unref();
  }

  static newId(): string {
    return randomBytes(16).toString('base64url');
  }

  has(id: string): boolean {
    return this.conversations.has(id);
  }

  /** The conversation, created when this process does not hold it yet; `created` says which. */
  open(id: string, locale?: string): { created: boolean } {
    const existing = this.conversations.get(id);
    if (existing) {
      existing.lastUsed = this.now();
      return { created: false };
    }
    if (this.conversations.size >= this.limits.maxConversations) {
      this.sweep();
      if (this.conversations.size >= this.limits.maxConversations) throw new ConversationLimitError(this.limits.maxConversations);
    }
    const base = this.now() * 1000;
    this.conversations.set(id, { id, base, next: base, activities: [], listeners: new Set(), queue: Promise.resolve(), lastUsed: this.now(), locale });
    return { created: true };
  }

  locale(id: string): string | undefined {
    return this.conversations.get(id)?.locale;
  }

  /** Stores an activity, gives it its id, and pushes it to every open stream of the conversation. */
  append(id: string, activity: Partial<Activity>): Activity & { id: string } {
    this.open(id);
    const conversation = this.conversations.get(id)!;
    const seq = conversation.next++;
    const stored = { ...activity, id: `${id}|${String(seq - conversation.base).padStart(7, '0')}`, timestamp: new Date(this.now()) } as Activity & { id: string };
    conversation.activities.push({ seq, activity: stored });
    if (conversation.activities.length > this.limits.historyPerConversation) conversation.activities.shift();
    conversation.lastUsed = this.now();
    const set = { activities: [stored], watermark: String(seq) };
    for (const listener of conversation.listeners) listener(set);
    return stored;
  }

  /** Everything after a watermark ('' or absent: from the start). */
  after(id: string, watermark: string | undefined): ActivitySet {
    const conversation = this.conversations.get(id);
    if (!conversation) return { activities: [], watermark: watermark ?? '' };
    conversation.lastUsed = this.now();
    const from = parseWatermark(watermark);
    const activities = conversation.activities.filter((entry) => entry.seq > from).map((entry) => entry.activity);
    const last = conversation.next - 1;
    return { activities, watermark: last >= conversation.base ? String(last) : watermark ?? '' };
  }

  /**
   * Sends what came after `watermark`, then every new activity as it is appended. Both happen in the
   * same tick, so nothing appended in between can fall in the gap.
   */
  subscribe(id: string, watermark: string | undefined, listener: Listener): () => void {
    this.open(id);
    const conversation = this.conversations.get(id)!;
    const backlog = this.after(id, watermark);
    if (backlog.activities.length > 0) listener(backlog);
    conversation.listeners.add(listener);
    return () => conversation.listeners.delete(listener);
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

  get size(): number {
    return this.conversations.size;
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const cutoff = this.now() - this.limits.idleMs;
    for (const [id, conversation] of this.conversations) {
      if (conversation.lastUsed < cutoff && conversation.listeners.size === 0) this.conversations.delete(id);
    }
  }
}

function parseWatermark(watermark: string | undefined): number {
  if (watermark === undefined || watermark === '') return -1;
  const value = Number(watermark);
  return Number.isSafeInteger(value) ? value : -1;
}
