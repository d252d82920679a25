import type { RecentIds } from '../../../core/index.js';
import type { MessagingEvent, WebhookBody } from './webhook-event.js';

/**
 * What makes a Messenger event the same event again: a message's `mid`, a postback's `mid` (older
 * postbacks have none: sender and timestamp then). Deliveries, reads and echoes are never turns, so they
 * need no key.
 */
export function eventKey(event: MessagingEvent): string | undefined {
  if (event.message && !event.message.is_echo) return event.message.mid ? `message/${event.message.mid}` : undefined;
  if (event.postback) return `postback/${event.postback.mid ?? `${event.sender.id}/${event.timestamp}`}`;
  return undefined;
}

/**
 * The webhook body without the events already taken within the window. Meta redelivers an event it
 * thinks failed, and a captured signed body can be replayed as is; without this each copy was a turn of
 * its own with its own Send API reply.
 */
export function withoutRepeatedEvents(body: WebhookBody, recent: RecentIds): WebhookBody {
  return {
    ...body,
    entry: body.entry.map((entry) => ({
      ...entry,
      messaging: entry.messaging?.filter((event) => {
        const key = eventKey(event);
        return key === undefined || recent.firstSighting(`${entry.id}/${key}`);
      }),
    })),
  };
}
