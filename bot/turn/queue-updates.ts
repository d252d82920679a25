import { BUILT_IN_DIRECT_LINE_CHANNEL, type Logger } from '../../core/index.js';
import { emailOfferReply, reply, say, turnLanguage, type ContentSource } from '../../dialogs/index.js';
import {
  CaseNotFoundError,
  splitConversationKey,
  type AgentDesk,
  type CaseChange,
  type CaseContact,
  type CaseRecord,
  type CustomerDesk,
} from '../../handoff/index.js';
import type { Language } from '../../core/index.js';
import type { Presence } from '../channels/directline/directline-conversations.js';
import type { ConversationSender } from './conversation-sender.js';

/** How often the waiting cases are looked at even when no case changed (agents coming on duty, customers leaving). */
const SWEEP_EVERY_MS = 15_000;
/** A web chat customer away this long while their case is open is offered email (within service hours). */
export const EMAIL_OFFER_AWAY_MS = 2 * 60_000;

export interface QueueUpdatesDeps {
  customer: CustomerDesk;
  agent: AgentDesk;
  contact: CaseContact;
  sender: ConversationSender;
  content: ContentSource;
  /** The wait at a place in the queue with the agents on duty now (HandoffFlow.expectedWait). */
  expectedWait: (position: number) => Promise<number | undefined>;
  /** Least time between two update lines to one customer (QUEUE_UPDATE_SECONDS). */
  minIntervalMs: number;
  /** Set with SMTP_URL and the built-in Direct Line: customers away a while are offered email. */
  presence?: (conversationId: string) => Promise<Presence>;
  emailOn: boolean;
  defaultLanguage: Language;
  now: () => Date;
  logger: Logger;
}

interface Announced {
  position: number;
  /** When the customer was last told their place (ms). */
  at: number;
}

/**
 * Keeps a waiting customer's queue place true without them asking: after every change of the queue
 * (a case opened, claimed, released, abandoned, closed) and on a slow sweep (agents coming on duty),
 * each waiting customer whose place changed is sent one update line with the expected wait, at most
 * every `minIntervalMs` (a place that changes twice within it is told once, when the interval ends).
 * The sweep also offers email to web chat customers who have been away EMAIL_OFFER_AWAY_MS.
 * In memory: after a restart the first sweep takes the current places as told.
 */
export class QueueUpdates {
  private readonly announced = new Map<string, Announced>();
  private readonly sweeper: NodeJS.Timeout;
  private later: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private next: Promise<void> | undefined;
  /** Whether the check not yet started is to be a sweep (a change only needs the places). */
  private sweepAsked = false;
  private readonly listener = (change: CaseChange) => this.onChange(change);
  private closed = false;
  private readonly marking = new Set<Promise<void>>();

  constructor(private readonly deps: QueueUpdatesDeps) {
    deps.agent.events.on('change', this.listener);
    this.sweeper = setInterval(() => void this.check(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  /** A sweep: every waiting customer's place, and the email offers; resolves when the updates are sent. */
  check(): Promise<void> {
    return this.schedule(true);
  }

  /**
   * One check at a time. Changes come in bursts (a busy queue): a check not yet started covers every
   * change before it, so a burst costs one more check, not one each. Only a sweep looks for customers
   * to offer email: that reads every open case, and a change of the queue does not make anyone away.
   */
  private schedule(sweep: boolean): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.sweepAsked ||= sweep;
    if (this.next) return this.next;
    const next = this.running.then(() => {
      this.next = undefined;
      const asSweep = this.sweepAsked;
      this.sweepAsked = false;
      return this.checkNow(asSweep);
    });
    this.next = next;
    this.running = next.catch(() => undefined);
    return next;
  }

  /** Stops looking; resolves once a check in progress has finished (its sends and store reads), so the stores can close after. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    clearTimeout(this.later);
    this.deps.agent.events.off('change', this.listener);
    await (this.next ?? this.running).catch(() => undefined);
    await Promise.allSettled([...this.marking]);
  }

  private onChange(change: CaseChange): void {
    // The bot's own acknowledgement of a message while queued just told the place.
    if (change.kind === 'customer_message' && change.status === 'waiting') {
      const marking = this.markTold(change.caseId).catch((error: unknown) =>
        this.deps.logger.warn('could not note the place a waiting customer was told', { error: (error as Error).message }),
      );
      this.marking.add(marking);
      void marking.finally(() => this.marking.delete(marking));
      return;
    }
    if (['opened', 'claimed', 'released', 'abandoned', 'closed', 'transferred'].includes(change.kind)) void this.schedule(false);
  }

  private async markTold(caseId: string): Promise<void> {
    const position = await this.deps.customer.queuePosition(caseId);
    if (position !== undefined) this.announced.set(caseId, { position, at: this.deps.now().getTime() });
  }

  private async checkNow(sweep: boolean): Promise<void> {
    try {
      // Ids and places only: a record is read just for the customers told something, so a check
      // costs little more than the places that changed, however long the queue (issue 14).
      const waiting = await this.deps.customer.waitingQueue();
      const now = this.deps.now().getTime();
      const waitingIds = new Set(waiting.map((entry) => entry.id));
      for (const id of this.announced.keys()) if (!waitingIds.has(id)) this.announced.delete(id);
      let nextDue: number | undefined;
      for (const [index, entry] of waiting.entries()) {
        const position = index + 1;
        const told = this.announced.get(entry.id);
        // First sight: the next-step message told this place when the case opened.
        if (!told) {
          this.announced.set(entry.id, { position, at: Date.parse(entry.createdAt) });
          continue;
        }
        if (told.position === position) continue;
        const due = told.at + this.deps.minIntervalMs;
        if (due > now) {
          nextDue = Math.min(nextDue ?? due, due);
          continue;
        }
        const record = await this.waitingCase(entry.id);
        // Taken or gone since the queue was read: the next check forgets it.
        if (!record) continue;
        this.announced.set(entry.id, { position, at: now });
        await this.tell(record, position);
      }
      if (nextDue !== undefined) this.checkAt(nextDue - now);
      if (sweep) await this.offerEmailToAway();
    } catch (error) {
      this.deps.logger.warn('queue updates failed; the next change or sweep tries again', { error: (error as Error).message });
    }
  }

  private async waitingCase(caseId: string): Promise<CaseRecord | undefined> {
    const record = await this.deps.customer.getCase(caseId).catch((error: unknown) => {
      if (error instanceof CaseNotFoundError) return undefined;
      throw error;
    });
    return record?.status === 'waiting' ? record : undefined;
  }

  private checkAt(delayMs: number): void {
    if (this.closed) return;
    clearTimeout(this.later);
    this.later = setTimeout(() => void this.schedule(false), Math.max(0, delayMs) + 10);
    this.later.unref();
  }

  private async tell(record: CaseRecord, position: number): Promise<void> {
    const language = this.languageOf(record);
    const minutes = await this.deps.expectedWait(position);
    const text =
      minutes === undefined
        ? say(this.deps.content.messages, 'handoff_queue_update', language, { position })
        : say(this.deps.content.messages, 'handoff_queue_update_with_wait', language, { position, minutes });
    await this.send(record, reply(text));
  }

  /** Within service hours email is offered once the customer has left the page for a while (after hours, at the handoff). */
  private async offerEmailToAway(): Promise<void> {
    const { presence, emailOn } = this.deps;
    if (!emailOn || !presence) return;
    for (const record of await this.deps.agent.openCases()) {
      if (record.channelId !== BUILT_IN_DIRECT_LINE_CHANNEL || record.email) continue;
      // A conversation this process no longer holds has no page to come back to: nothing to offer in.
      const { held, awayMs } = await presence(splitConversationKey(record.conversationKey).conversationId);
      if (!held || awayMs === undefined || awayMs < EMAIL_OFFER_AWAY_MS) continue;
      await this.deps.contact.setEmailStep(record.id, 'offered');
      await this.send(record, emailOfferReply(this.deps.content.messages, this.languageOf(record)));
    }
  }

  private async send(record: CaseRecord, activity: ReturnType<typeof reply>): Promise<void> {
    try {
      await this.deps.sender.continueConversation(record.reference, async (context) => {
        await context.sendActivity(activity);
      });
    } catch (error) {
      this.deps.logger.warn('could not send a waiting customer an update', { case: record.id, error: (error as Error).message });
    }
  }

  private languageOf(record: CaseRecord): Language {
    return turnLanguage({ conversation: record.language, configured: this.deps.defaultLanguage });
  }
}
