import { EventEmitter } from 'node:events';
import type { Activity } from 'botbuilder';
import type { ActivitySet, Presence } from './directline-conversations.js';
import { POLL_PRESENCE_MS } from './directline-conversations.js';
import type { DirectLineLog } from './directline-log.js';

/** What knows whether a customer's page is there and which activities it received (ReplyDelivery, QueueUpdates). */
export interface PagePresence {
  presence(conversationId: string): Presence;
  /** `delivered` with the ids of activities a customer's page has received. */
  readonly deliveries: EventEmitter<{ delivered: [conversationId: string, activityIds: string[]] }>;
}

interface Page {
  streams: number;
  lastPolled?: number;
  awaySince: number;
}

/**
 * The customer's page as THIS instance sees it, for a Direct Line log shared by several instances
 * (PostgreSQL): the streams open here and the polls answered here. A page connected to another
 * instance counts as away (docs/deploy.md, "still per instance"). Pages away longer than `forgetMs`
 * are forgotten, so the map stays as small as the conversations in use.
 */
export class StreamPresence implements PagePresence {
  readonly deliveries = new EventEmitter<{ delivered: [conversationId: string, activityIds: string[]] }>();
  private readonly pages = new Map<string, Page>();

  constructor(
    private readonly now: () => number,
    private readonly forgetMs: number,
  ) {}

  presence(id: string): Presence {
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
        this.page(id).lastPolled = this.now();
        this.delivered(id, set);
        return set;
      },
      subscribe: async (id, watermark, listener, onDropped) => {
        this.forgetAway();
        const page = this.page(id);
        page.streams++;
        let open = true;
        try {
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
          };
        } catch (error) {
          if (--page.streams === 0) page.awaySince = this.now();
          throw error;
        }
      },
    };
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
      if (page.streams === 0 && now - Math.max(page.awaySince, page.lastPolled ?? 0) > this.forgetMs) this.pages.delete(id);
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
