import { ActivityTypes, BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import type { ChannelAdapter } from '../../turn/conversation-sender.js';
import type { Logger } from '../../../core/index.js';
import { isAgentMessage } from '../../../handoff/index.js';
import { MessengerSendError, type MessengerSendApi } from './messenger-send-api.js';
import { MESSENGER_CHANNEL, toActivity } from './to-activity.js';
import { toSendApiBodies, type MessagingPolicy } from './to-send-api.js';
import type { MessagingEvent, WebhookBody } from './webhook-event.js';

/** Meta's standard messaging window: after a customer's last message, a page may message them for 24 hours. */
export const STANDARD_WINDOW_MS = 24 * 60 * 60 * 1000;
/** The HUMAN_AGENT tag lets a person answer for 7 days after the customer's last message. */
export const HUMAN_AGENT_WINDOW_MS = 7 * STANDARD_WINDOW_MS;

/** A message that could not be delivered; the agent console subscribes to show it on the case. */
export interface SendFailure {
  channelId: typeof MESSENGER_CHANNEL;
  conversationId: string;
  recipientId: string;
  /** refused: Meta said no (4xx); exhausted: retries ran out; outside_window: the 24-hour rule forbids it. */
  kind: 'refused' | 'exhausted' | 'outside_window';
  message: string;
  status?: number;
  code?: number;
  subcode?: number;
  text?: string;
}

export interface MessengerAdapterOptions {
  sendApi: MessengerSendApi;
  /** The bot's display name in the activities it builds from webhook events. */
  botName: string;
  graphUrl: string;
  logger: Logger;
  now?: () => number;
}

/**
 * Self-hosted Messenger as a botbuilder adapter: webhook events become turns, replies go out through
 * the Send API with a typing indicator first. Proactive sends follow Meta's 24-hour rule: inside the
 * window as UPDATE; after it only an agent's message, tagged HUMAN_AGENT (up to 7 days); the bot's own
 * automated messages are not sent after it and are reported as failures instead.
 */
export class MessengerAdapter extends BotAdapter implements ChannelAdapter {
  private readonly lastCustomerMessage = new Map<string, number>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly failureListeners = new Set<(failure: SendFailure) => void>();
  private readonly receiptListeners = new Set<(receipt: MessengerReceipt) => void>();
  private readonly now: () => number;

  constructor(private readonly options: MessengerAdapterOptions) {
    super();
    this.now = options.now ?? Date.now;
  }

  /** Calls `listener` with every message that could not be delivered. Returns the unsubscribe function. */
  onSendFailure(listener: (failure: SendFailure) => void): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  /** Calls `listener` with every delivery and read receipt Messenger reports. Returns the unsubscribe function. */
  onReceipt(listener: (receipt: MessengerReceipt) => void): () => void {
    this.receiptListeners.add(listener);
    return () => this.receiptListeners.delete(listener);
  }

  /** Runs every customer event of a verified webhook call as a turn, one customer's events in order; receipts go to `onReceipt`. */
  async processWebhook(body: WebhookBody, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const work: Promise<void>[] = [];
    for (const entry of body.entry) {
      for (const event of entry.messaging ?? []) {
        const receipt = receiptOf(event);
        if (receipt) for (const listener of this.receiptListeners) listener(receipt);
        const activity = toActivity(event, this.options.graphUrl, this.options.botName);
        if (!activity) continue;
        this.remember(event.sender.id, event.timestamp);
        work.push(this.serialize(event.sender.id, () => this.runMiddleware(new TurnContext(this, activity), logic)));
      }
    }
    const results = await Promise.allSettled(work);
    for (const result of results) {
      if (result.status === 'rejected') this.options.logger.error('messenger turn failed', { error: result.reason, stack: (result.reason as Error)?.stack });
    }
  }

  /** Resolves when every turn started so far has finished (tests wait on it). */
  async settled(): Promise<void> {
    while (this.queues.size > 0) await Promise.allSettled([...this.queues.values()]);
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    if (!reference.user?.id) throw new Error("MessengerAdapter.continueConversation(): the reference has no user.id (the customer's page-scoped id)");
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'ContinueConversation' },
      { ...reference, channelId: MESSENGER_CHANNEL },
      true,
    );
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      const recipientId = activity.recipient?.id ?? context.activity.from?.id;
      if (!recipientId) throw new Error('MessengerAdapter.sendActivities(): an activity has no recipient.id');
      if (activity.type === ActivityTypes.Typing) {
        await this.typing(recipientId);
        responses.push({ id: '' });
      } else if ((activity.type ?? ActivityTypes.Message) === ActivityTypes.Message) {
        responses.push({ id: await this.sendMessage(context, activity, recipientId) });
      } else {
        responses.push({ id: '' });
      }
    }
    return responses;
  }

  async updateActivity(): Promise<void> {
    throw new Error('MessengerAdapter.updateActivity(): Messenger cannot change a sent message');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('MessengerAdapter.deleteActivity(): Messenger cannot delete a sent message');
  }

  private async typing(recipientId: string): Promise<void> {
    try {
      await this.options.sendApi.send({ recipient: { id: recipientId }, sender_action: 'typing_on' });
    } catch (error) {
      // The typing bubble is a courtesy; the reply itself still goes out (and reports its own failure).
      this.options.logger.warn('messenger typing indicator failed', { recipient: recipientId, error });
    }
  }

  private async sendMessage(context: TurnContext, activity: Partial<Activity>, recipientId: string): Promise<string> {
    // The server's mark, not the sender's name: a name is whatever the reference or a customer put there.
    const isAgent = isAgentMessage(activity);
    const policy = this.policyFor(context, recipientId, isAgent);
    const conversationId = activity.conversation?.id ?? context.activity.conversation?.id ?? recipientId;
    if (!policy) {
      this.fail({
        channelId: MESSENGER_CHANNEL,
        conversationId,
        recipientId,
        kind: 'outside_window',
        message: 'more than 24 hours since the customer last wrote: only an agent may answer now (HUMAN_AGENT tag)',
        text: activity.text,
      });
      return '';
    }
    let lastId = '';
    for (const body of toSendApiBodies(activity, recipientId, policy)) {
      try {
        lastId = (await this.sendWithWindowFallback(body, isAgent)).message_id ?? lastId;
      } catch (error) {
        if (!(error instanceof MessengerSendError)) throw error;
        this.fail({
          channelId: MESSENGER_CHANNEL,
          conversationId,
          recipientId,
          kind: error.outsideWindow ? 'outside_window' : error.retryable ? 'exhausted' : 'refused',
          message: error.message,
          status: error.status,
          code: error.graphError?.code,
          subcode: error.graphError?.error_subcode,
          text: (body.message as { text?: string } | undefined)?.text,
        });
        return '';
      }
    }
    return lastId;
  }

  /** A reply inside the customer's turn is a RESPONSE; a proactive send depends on the time since they last wrote. */
  private policyFor(context: TurnContext, recipientId: string, isAgent: boolean): MessagingPolicy | undefined {
    if (context.activity.type === ActivityTypes.Message && context.activity.from?.id === recipientId) return { messaging_type: 'RESPONSE' };
    const last = this.lastCustomerMessage.get(recipientId);
    // Not known (e.g. after a restart): try as inside the window; Meta's refusal then switches an agent's message to the tag.
    if (last === undefined || this.now() - last < STANDARD_WINDOW_MS) return { messaging_type: 'UPDATE' };
    if (isAgent && this.now() - last < HUMAN_AGENT_WINDOW_MS) return { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
    return undefined;
  }

  private async sendWithWindowFallback(body: Record<string, unknown>, isAgent: boolean) {
    try {
      return await this.options.sendApi.send(body);
    } catch (error) {
      if (error instanceof MessengerSendError && error.outsideWindow && isAgent && body.messaging_type !== 'MESSAGE_TAG') {
        return this.options.sendApi.send({ ...body, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
      }
      throw error;
    }
  }

  private remember(customerId: string, timestamp: number): void {
    this.lastCustomerMessage.set(customerId, timestamp);
    if (this.lastCustomerMessage.size <= 100_000) return;
    // Past the HUMAN_AGENT window nothing may be sent anyway; forgetting those keeps memory bounded.
    for (const [id, at] of this.lastCustomerMessage) if (this.now() - at > HUMAN_AGENT_WINDOW_MS) this.lastCustomerMessage.delete(id);
  }

  private fail(failure: SendFailure): void {
    for (const listener of this.failureListeners) {
      try {
        listener(failure);
      } catch (error) {
        this.options.logger.error('a send-failure listener threw', { error });
      }
    }
  }

  private serialize(key: string, work: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(work);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }
}

/** Messenger's word that the customer's device got (`delivered`) or read (`read`) what the page sent. */
export interface MessengerReceipt {
  kind: 'delivered' | 'read';
  /** The conversation, named as `toActivity` names it (customer, then page). */
  conversationId: string;
  /** The messages delivered, when Messenger names them. */
  mids?: string[];
  /** Everything sent before this time (ms) was delivered or read. */
  watermark: number;
}

function receiptOf(event: MessagingEvent): MessengerReceipt | undefined {
  const conversationId = `${event.sender.id}-${event.recipient.id}`;
  if (event.delivery)
    return { kind: 'delivered', conversationId, watermark: event.delivery.watermark, ...(event.delivery.mids ? { mids: event.delivery.mids } : {}) };
  if (event.read) return { kind: 'read', conversationId, watermark: event.read.watermark };
  return undefined;
}
