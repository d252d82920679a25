import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { RecentIds, type Logger } from '../../core/index.js';
import { conversationKey, type AgentDesk } from '../../handoff/index.js';

/** The customer is typing in the conversation of this open case. */
export interface CustomerTypingSignal {
  caseId: string;
}

/** Where the agent console hears that a customer is typing. */
export interface CustomerTypingFeed {
  onTyping(listener: (signal: CustomerTypingSignal) => void): () => void;
}

/**
 * One signal per conversation this often at most; Web Chat sends one every few seconds while the
 * customer types, and a client that sends more gets no more attention.
 */
const SIGNAL_EVERY_MS = 2_000;

/**
 * Turns the customer's typing activities into signals for the agent console ("Asiakas kirjoittaa…")
 * and ends their turn there: a typing activity is no message, so it never reaches the transcript, the
 * bot or the case (it runs first, before the metrics, masking and the transcript logger). Only a
 * conversation with an open case is told of.
 */
export class CustomerTyping implements Middleware, CustomerTypingFeed {
  private readonly listeners = new Set<(signal: CustomerTypingSignal) => void>();
  private readonly recent: RecentIds;

  constructor(
    private readonly desk: AgentDesk,
    private readonly logger: Logger,
    now: () => number = Date.now,
  ) {
    this.recent = new RecentIds({ ttlMs: SIGNAL_EVERY_MS, maxEntries: 10_000, now });
  }

  onTyping(listener: (signal: CustomerTypingSignal) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (activity.type !== ActivityTypes.Typing) return next();
    const conversationId = activity.conversation?.id;
    if (!activity.channelId || !conversationId || this.listeners.size === 0) return;
    const key = conversationKey(activity.channelId, conversationId);
    if (!this.recent.firstSighting(key)) return;
    try {
      const caseId = (await this.desk.conversation(key))?.openCaseId;
      if (!caseId) return;
      for (const listener of this.listeners) listener({ caseId });
    } catch (error) {
      // A courtesy signal: a store that cannot answer now must not fail the customer's request.
      this.logger.warn('could not pass on that a customer is typing', { conversation: key, error });
    }
  }
}
