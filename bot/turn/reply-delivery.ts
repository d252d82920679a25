import { addressHint, BUILT_IN_DIRECT_LINE_CHANNEL, type Language, type Logger } from '../../core/index.js';
import type { CaseContact, CaseRecord, MessageDelivery } from '../../handoff/index.js';
import { conversationKey, splitConversationKey } from '../../handoff/index.js';
import type { MessengerReceipt } from '../channels/messenger/messenger-adapter.js';
import { MESSENGER_CHANNEL } from '../channels/messenger/to-activity.js';
import type { Presence } from '../channels/directline/directline-conversations.js';
import type { ReplyMailer } from '../mail/reply-mailer.js';

export interface ReplyDeliveryDeps {
  contact: CaseContact;
  /** Whether the web chat customer's page is there (the built-in Direct Line); undefined without it. */
  presence?: (conversationId: string) => Promise<Presence>;
  /**
   * With DATABASE_URL: agent messages sent while the customer was away, told to every instance, so the
   * one whose stream the customer comes back to records them delivered. This instance alone unless given.
   */
  undelivered?: UndeliveredFeed;
  /** Set with SMTP_URL: replies to a customer who is not connected go to their confirmed address. */
  mailer?: ReplyMailer;
  /** The chat page the email links back to ({PUBLIC_URL}/chat). */
  chatUrl?: string;
  now: () => Date;
  logger: Logger;
}

/** Where the instances tell each other of agent messages the customer's page has not received yet. */
export interface UndeliveredFeed {
  announce(messageId: string, caseId: string): void;
  onAnnounced(listener: (messageId: string, caseId: string) => void): () => void;
}

/** Undelivered agent messages remembered at most; past it the oldest stay "not connected" even if the customer comes back. */
const UNDELIVERED_KEPT = 10_000;

/** One agent reply, as sent. */
export interface SentReply {
  record: CaseRecord;
  agentName: string;
  /** The text the customer's chat got (masked, signed). */
  text: string;
  language: Language;
}

/**
 * What became of an agent reply: delivered to the customer's open web chat, or not (then emailed to
 * the address they confirmed, in the background), or handed to a channel that reports nothing back.
 * Email failures are logged and recorded on the message, never thrown into the agent's request.
 */
export class ReplyDelivery {
  private readonly pending = new Set<Promise<void>>();
  /** Agent messages sent while the customer was not connected, by id, with their case: a reconnect delivers them. */
  private readonly undelivered = new Map<string, string>();

  private readonly stopHearing: () => void;

  constructor(private readonly deps: ReplyDeliveryDeps) {
    this.stopHearing = deps.undelivered?.onAnnounced((messageId, caseId) => this.remember(messageId, caseId)) ?? (() => undefined);
  }

  /** The delivery to record with the reply, right after it was sent. */
  async stateAfterSend(record: CaseRecord): Promise<MessageDelivery> {
    if (record.channelId !== BUILT_IN_DIRECT_LINE_CHANNEL || !this.deps.presence) return { stream: 'channel' };
    const { conversationId } = splitConversationKey(record.conversationKey);
    return { stream: (await this.deps.presence(conversationId)).connected ? 'delivered' : 'not_connected' };
  }

  /**
   * The customer's page received these activities (Direct Line's `delivered`): agent messages sent
   * while they were away become delivered. Only ids remembered here cost a store write, so the bot's
   * own messages, delivered all the time, cost nothing.
   */
  delivered(activityIds: readonly string[]): void {
    const byCase = new Map<string, string[]>();
    for (const id of activityIds) {
      const caseId = this.undelivered.get(id);
      if (!caseId) continue;
      this.undelivered.delete(id);
      byCase.set(caseId, [...(byCase.get(caseId) ?? []), id]);
    }
    for (const [caseId, ids] of byCase) this.track(this.deps.contact.noteDelivery(caseId, { delivered: true }, { ids }).then(() => undefined));
  }

  /**
   * Messenger's receipts: the named messages (or all sent before the watermark) delivered, or read.
   * Messenger sends them for every message of the page; only a conversation with a case costs a write.
   */
  messengerReceipt(receipt: MessengerReceipt): void {
    const work = async () => {
      const record = await this.deps.contact.latestCase(conversationKey(MESSENGER_CHANNEL, receipt.conversationId));
      this.deps.logger.debug('messenger receipt', { kind: receipt.kind, case: record?.id ?? null });
      if (!record) return;
      const sentUpTo = { sentUpTo: new Date(receipt.watermark).toISOString() };
      if (receipt.kind === 'read') await this.deps.contact.noteDelivery(record.id, { seenAt: this.deps.now().toISOString() }, sentUpTo);
      else await this.deps.contact.noteDelivery(record.id, { delivered: true }, receipt.mids ? { ids: receipt.mids } : sentUpTo);
    };
    this.track(work());
  }

  /** Emails the reply when the customer was not connected and confirmed an address; the result goes on the message. */
  followUp(reply: SentReply, messageId: string | undefined, delivery: MessageDelivery): void {
    if (delivery.stream === 'not_connected' && messageId) {
      this.remember(messageId, reply.record.id);
      this.deps.undelivered?.announce(messageId, reply.record.id);
    }
    const { mailer, chatUrl } = this.deps;
    const address = reply.record.email?.step === 'confirmed' ? reply.record.email.address : undefined;
    if (delivery.stream !== 'not_connected' || !mailer || !chatUrl || !address || !messageId) return;
    this.track(this.email(reply, messageId, address, mailer, chatUrl));
  }

  /** Stops hearing of other instances' undelivered messages. */
  close(): void {
    this.stopHearing();
  }

  private remember(messageId: string, caseId: string): void {
    this.undelivered.set(messageId, caseId);
    if (this.undelivered.size > UNDELIVERED_KEPT) this.undelivered.delete(this.undelivered.keys().next().value!);
  }

  /** Resolves when every email started so far has been sent or has failed (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private track(work: Promise<void>): void {
    const settled = work.catch((error: unknown) => this.deps.logger.error('could not record a delivery', { error: (error as Error).message }));
    this.pending.add(settled);
    void settled.finally(() => this.pending.delete(settled));
  }

  private async email(reply: SentReply, messageId: string, address: string, mailer: ReplyMailer, chatUrl: string): Promise<void> {
    const { contact, logger } = this.deps;
    const caseId = reply.record.id;
    try {
      await mailer.send(address, { language: reply.language, caseId, agentName: reply.agentName, text: reply.text, chatUrl });
      logger.info('agent reply emailed', { case: caseId, to: addressHint(address) });
      await contact.noteDelivery(caseId, { emailedAt: this.deps.now().toISOString() }, { ids: [messageId] });
    } catch (error) {
      const reason = (error as Error).message ?? String(error);
      logger.error('could not email an agent reply', { case: caseId, to: addressHint(address), error: reason });
      await contact
        .noteDelivery(caseId, { emailFailed: reason.replaceAll(address, addressHint(address)).slice(0, 200) }, { ids: [messageId] })
        .catch((secondary: unknown) => logger.error('could not record a failed email on its case', { case: caseId, error: secondary }));
    }
  }
}
