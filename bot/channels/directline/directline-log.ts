import type { Activity } from 'botbuilder';
import type { ActivitySet, DirectLineConversations } from './directline-conversations.js';

/**
 * Where the built-in Direct Line keeps its conversations: this process's memory
 * (`memoryDirectLineLog`, one instance) or PostgreSQL (`PostgresDirectLineLog`, any number of
 * instances: a stream on one instance receives what another appended). The same rules for both: a
 * watermark per activity, history caps, a cap of conversations with a customer message, and
 * conversations dropped when empty or idle for too long.
 */
export interface DirectLineLog {
  has(id: string): Promise<boolean>;
  /** True when no new conversation can start: the cap of conversations with a customer is reached. */
  isFull(): Promise<boolean>;
  /** The conversation, created (empty) when it is not held yet; throws ConversationsBusyError at the cap. */
  open(id: string, locale?: string): Promise<{ created: boolean }>;
  /** Counts the conversation against the cap from now on; throws ConversationsBusyError at the cap. */
  engage(id: string): Promise<void>;
  locale(id: string): Promise<string | undefined>;
  /** Stores an activity, gives it its id, and pushes it to every open stream of the conversation (on any instance). */
  append(id: string, activity: Partial<Activity>): Promise<Activity & { id: string }>;
  /** Everything after a watermark ('' or absent: from the start). */
  after(id: string, watermark: string | undefined): Promise<ActivitySet>;
  /** A poll of the customer's page: `after`, and the page counts as there for a moment (presence, deliveries). */
  poll(id: string, watermark: string | undefined): Promise<ActivitySet>;
  /**
   * Sends what came after `watermark`, then every new activity, each once and in order. `onDropped`
   * runs when the conversation is dropped under the listener. Resolves to the unsubscribe function.
   */
  subscribe(id: string, watermark: string | undefined, listener: (set: ActivitySet) => void, onDropped?: () => void): Promise<() => void>;
  /** Runs `work` after every earlier turn of the conversation in this process has finished. */
  serialize<T>(id: string, work: () => Promise<T>): Promise<T>;
  close(): void | Promise<void>;
}

/** The in-memory conversations as a DirectLineLog (one process; the default without DATABASE_URL). */
export function memoryDirectLineLog(conversations: DirectLineConversations): DirectLineLog {
  return {
    has: async (id) => conversations.has(id),
    isFull: async () => conversations.isFull(),
    open: async (id, locale) => conversations.open(id, locale),
    engage: async (id) => conversations.engage(id),
    locale: async (id) => conversations.locale(id),
    append: async (id, activity) => conversations.append(id, activity),
    after: async (id, watermark) => conversations.after(id, watermark),
    poll: async (id, watermark) => conversations.poll(id, watermark),
    subscribe: async (id, watermark, listener, onDropped) => conversations.subscribe(id, watermark, listener, onDropped),
    serialize: (id, work) => conversations.serialize(id, work),
    close: () => conversations.close(),
  };
}
