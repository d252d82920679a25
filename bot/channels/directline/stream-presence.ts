import { EventEmitter } from 'node:events';
import type { Activity } from 'botbuilder';
import type { ActivitySet, Presence } from './directline-conversations.js';
import { POLL_PRESENCE_MS } from './directline-conversations.js';
import type { DirectLineLog } from './directline-log.js';

/** What knows whether a customer's page is there and which activities it received (ReplyDelivery, QueueUpdates). */
export interface PagePresence {
  /** With DATABASE_URL a read of what every instance serves the page, hence a promise. */
  presence(conversationId: string): Promise<Presence>;
  /** `delivered` with the ids of activities a customer's page has received. */
  readonly deliveries: EventEmitter<{ delivered: [conversationId: string, activityIds: string[]] }>;
}

/** The customer's page as one instance serves it. */
export interface Page {
  streams: number;
  lastPolled?: number;
  awaySince: number;
}

/**
 * Where the instances sharing a Direct Line log (PostgreSQL) put the pages each serves, so that any of
 * them knows whether the customer's page is there, whichever instance its stream or polls reach.
 */
export interface SharedPages {
  /** This instance's view of the page, written before the stream counts as open (or the poll as answered). */
  write(conversationId: string, page: Page): Promise<void>;
  /** The page as every instance serves it. */
  presence(conversationId: string): Promise<Presence>;
  /** Stops the timers; resolves once what was written is stored. */
  close(): Promise<void>;
}

/** A poll is written for the other instances at most this often (Web Chat polls every second). */
const POLL_WRITTEN_EVERY_MS = 1000;

/**
 * The customer's page for a Direct Line log shared by several instances (PostgreSQL): the streams
 * open here and the polls answered here, written to `shared` so every instance sees the page
 * connected whichever instance serves it (without `shared`: as this instance alone sees it). Pages
 * away longer than `forgetMs` are forgotten, so the map stays as small as the conversations in use.
 */
export class StreamPresence implements PagePresence {
  readonly deliveries = new EventEmitter<{ delivered: [conversationId: string, activityIds: string[]] }>();
  private readonly pages = new Map<string, Page>();
  private readonly pollsWritten = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly forgetMs: number,
    private readonly shared?: SharedPages,
    private readonly onProblem: (problem: string, error: unknown) => void = () => undefined,
  ) {}

  async presence(id: string): Promise<Presence> {
    if (this.shared) return this.shared.presence(id);
    return this.localPresence(id);
  }

  /** The page as this instance alone serves it. */
  localPresence(id: string): Presence {
    const page = this.pages.get(id);
    if (!page) return { held: false, connected: false };
    const now = this.now();
    if (page.streams > 0) return { held: true, connected: true };
    if (page.lastPolled !== undefined && now - page.lastPolled < POLL_PRESENCE_MS) return { held: true, connected: true };
    return { held: true, connected: false, awayMs: now - Math.max(page.awaySince, (page.lastPolled ?? 0) + POLL_PRESENCE_MS) };
  }

  /** The log with this instance's streams and polls counted, and what they receive reported as delivered. */
  track(log: DirectLineLog): DirectLineLog {
    return {
      ...bind(log),
      poll: async (id, watermark) => {
        const set = await log.after(id, watermark);
        const page = this.page(id);
        page.lastPolled = this.now();
        if (page.lastPolled - (this.pollsWritten.get(id) ?? -Infinity) >= POLL_WRITTEN_EVERY_MS) {
          this.pollsWritten.set(id, page.lastPolled);
          await this.share(id, page);
        }
        this.delivered(id, set);
        return set;
      },
      subscribe: async (id, watermark, listener, onDropped) => {
        this.forgetAway();
        const page = this.page(id);
        page.streams++;
        let open = true;
        try {
          // Before the backlog is sent: an agent reply on another instance from now on counts as delivered.
          await this.share(id, page);
          const unsubscribe = await log.subscribe(
            id,
            watermark,
            (set) => {
              listener(set);
              this.delivered(id, set);
            },
            onDropped,
          );
          return () => {
            unsubscribe();
            if (!open) return;
            open = false;
            if (--page.streams === 0) page.awaySince = this.now();
            void this.share(id, page);
          };
        } catch (error) {
          if (--page.streams === 0) page.awaySince = this.now();
          void this.share(id, page);
          throw error;
        }
      },
    };
  }

  /** Stops sharing; resolves once the pages written so far are stored. */
  async close(): Promise<void> {
    await this.shared?.close();
  }

  /** Writes this instance's view of the page for the others; a failed write is logged, the stream goes on. */
  private async share(id: string, page: Page): Promise<void> {
    await this.shared?.write(id, { ...page }).catch((error: unknown) => this.onProblem("could not share whether a customer's page is there", error));
  }

  private page(id: string): Page {
    let page = this.pages.get(id);
    if (!page) this.pages.set(id, (page = { streams: 0, awaySince: this.now() }));
    return page;
  }

  private delivered(id: string, set: ActivitySet): void {
    const ids = set.activities.map((activity: Partial<Activity>) => activity.id).filter((each): each is string => typeof each === 'string');
    if (ids.length > 0) this.deliveries.emit('delivered', id, ids);
  }

  private forgetAway(): void {
    const now = this.now();
    for (const [id, page] of this.pages) {
      if (page.streams === 0 && now - Math.max(page.awaySince, page.lastPolled ?? 0) > this.forgetMs) {
        this.pages.delete(id);
        this.pollsWritten.delete(id);
      }
    }
  }
}

/** The log's methods bound to it, so a spread copy still calls them on the log. */
function bind(log: DirectLineLog): DirectLineLog {
  return {
    has: (id) => log.has(id),
    isFull: () => log.isFull(),
    open: (id, locale) => log.open(id, locale),
    engage: (id) => log.engage(id),
    locale: (id) => log.locale(id),
    append: (id, activity) => log.append(id, activity),
    after: (id, watermark) => log.after(id, watermark),
    poll: (id, watermark) => log.poll(id, watermark),
    subscribe: (id, watermark, listener, onDropped) => log.subscribe(id, watermark, listener, onDropped),
    serialize: (id, work) => log.serialize(id, work),
    close: () => log.close(),
  };
}
