import type { Pool } from 'pg';
import type { CustomerTypingFeed, CustomerTypingSignal } from '../../turn/customer-typing.js';
import type { UndeliveredFeed } from '../../turn/reply-delivery.js';
import type { PostgresNotifications } from './postgres-notifications.js';

/**
 * Passes signals that happen on one instance to every instance with a notification, and nothing
 * else: they are not data (a customer typing, an agent message not yet delivered), so a listener that
 * was away misses them the way a console that was closed does. `close()` waits for the notifications
 * being sent, so none is sent after the connections closed.
 */
class Relay {
  private readonly sending = new Set<Promise<unknown>>();

  constructor(
    private readonly pool: Pool,
    private readonly notifications: PostgresNotifications,
    private readonly onProblem: (problem: string, error: unknown) => void,
  ) {}

  send(topic: string, payload: string): void {
    const sent = this.pool
      .query('SELECT pg_notify($1, $2)', this.notifications.message(topic, payload))
      .catch((error: unknown) => this.onProblem(`could not tell the other instances (${topic})`, error));
    this.sending.add(sent);
    void sent.finally(() => this.sending.delete(sent));
  }

  async settled(): Promise<void> {
    while (this.sending.size > 0) await Promise.allSettled([...this.sending]);
  }
}

/**
 * The customer's typing, heard on whichever instance the customer's page posts to, shown by the
 * consoles of every instance: `onTyping` listeners hear every instance's signals (this one's too).
 */
export class SharedCustomerTyping implements CustomerTypingFeed {
  private readonly relay: Relay;
  private readonly stopLocal: () => void;

  constructor(
    local: CustomerTypingFeed,
    pool: Pool,
    private readonly notifications: PostgresNotifications,
    onProblem: (problem: string, error: unknown) => void,
  ) {
    this.relay = new Relay(pool, notifications, onProblem);
    this.stopLocal = local.onTyping((signal) => this.relay.send('typing', signal.caseId));
  }

  onTyping(listener: (signal: CustomerTypingSignal) => void): () => void {
    return this.notifications.on('typing', (caseId) => listener({ caseId }));
  }

  async close(): Promise<void> {
    this.stopLocal();
    await this.relay.settled();
  }
}

/** Agent messages sent while the customer was away, told to every instance (ReplyDelivery). */
export class SharedUndelivered implements UndeliveredFeed {
  private readonly relay: Relay;

  constructor(
    pool: Pool,
    private readonly notifications: PostgresNotifications,
    onProblem: (problem: string, error: unknown) => void,
  ) {
    this.relay = new Relay(pool, notifications, onProblem);
  }

  announce(messageId: string, caseId: string): void {
    this.relay.send('undelivered', JSON.stringify([messageId, caseId]));
  }

  onAnnounced(listener: (messageId: string, caseId: string) => void): () => void {
    return this.notifications.on('undelivered', (payload) => {
      let ids: unknown;
      try {
        ids = JSON.parse(payload);
      } catch {
        return;
      }
      if (Array.isArray(ids) && typeof ids[0] === 'string' && typeof ids[1] === 'string') listener(ids[0], ids[1]);
    });
  }

  async close(): Promise<void> {
    await this.relay.settled();
  }
}
