import type { ConversationReference } from 'botbuilder';
import type { CaseRecord, CaseSummary, ConversationKey, ConversationRecord, EarlierCase } from './case-records.js';
import type { HandoffTransaction } from './handoff-store.js';
import type { CaseLifecycle, ConversationIdentity } from './case-lifecycle.js';
import { OPEN_CASE_STATUSES, transitionCase } from './case-status.js';
import type { HandoffPriority, HandoffReason } from './escalation-policy.js';
import { countsTowardsExpectedWait, expectedWaitMinutes, type QueueStanding } from './queue-estimates.js';
import type { QueueEntry } from './waiting-queue.js';

export interface OpenCaseInput {
  conversation: ConversationIdentity;
  reference: Partial<ConversationReference>;
  reason: HandoffReason;
  signals: string[];
  priority: HandoffPriority;
  score: number | null;
  summary: Omit<CaseSummary, 'earlierCases' | 'whileQueued'>;
}

export interface OpenedCase {
  record: CaseRecord;
  /** False when the conversation already had an open case (the customer asked twice): that case is returned. */
  created: boolean;
}

/** How many of the customer's earlier cases the agent sees in the summary. */
const EARLIER_CASES_SHOWN = 5;
/** How many messages written while queued the summary keeps (the transcript has them all). */
const QUEUED_MESSAGES_KEPT = 10;
/** How many answered intents a conversation record keeps (the first, which started it, always among them). */
const ANSWERED_INTENTS_KEPT = 50;

/**
 * The customer's side of the handoff (used by dialogs/): notes the conversation, opens a case, tells
 * the customer where they are in the queue, and hands the conversation back to the bot when they
 * give up waiting or the agent is done.
 */
export class CustomerDesk {
  constructor(private readonly lifecycle: CaseLifecycle) {}

  /** The conversation's record, created (as contained by the bot) on its first message. */
  async noteConversation(identity: ConversationIdentity): Promise<ConversationRecord> {
    const existing = await this.lifecycle.conversation(identity.key);
    if (existing) return existing;
    return this.lifecycle.store.transact((tx) => tx.conversation(identity.key) ?? this.lifecycle.putNewConversation(tx, identity));
  }

  /**
   * The conversation's stored record, or (`stored: false`) the record its first message starts, not
   * written yet. The caller writes it by the end of the turn: `noteAnswered` and `openCase` create it
   * with their change, `noteConversation` when the turn answered nothing. A first message answered
   * from the FAQ then costs one write, not two: on a shared database every record write takes one
   * row lock in turn across all instances, so each one saved is capacity.
   */
  async conversationOrNew(identity: ConversationIdentity): Promise<{ record: ConversationRecord; stored: boolean }> {
    const existing = await this.lifecycle.conversation(identity.key);
    if (existing) return { record: existing, stored: true };
    return { record: this.lifecycle.newConversation(identity), stored: false };
  }

  async conversation(key: ConversationKey): Promise<ConversationRecord | undefined> {
    return this.lifecycle.conversation(key);
  }

  async getCase(id: string): Promise<CaseRecord> {
    return this.lifecycle.getCase(id);
  }

  async openCase(input: OpenCaseInput): Promise<OpenedCase> {
    const { lifecycle } = this;
    const at = lifecycle.stamp();
    const opened = await lifecycle.store.transact((tx): OpenedCase => {
      const conversation = tx.conversation(input.conversation.key) ?? lifecycle.putNewConversation(tx, input.conversation);
      const open = conversation.openCaseId ? tx.case(conversation.openCaseId) : undefined;
      if (open && OPEN_CASE_STATUSES.includes(open.status)) return { record: open, created: false };

      const earlierCases = tx
        .cases({ customerKey: input.conversation.customerKey })
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, EARLIER_CASES_SHOWN)
        .map((earlier) => earlierCaseOf(tx, earlier));
      const record: CaseRecord = {
        id: `C-${String(tx.nextCaseNumber()).padStart(5, '0')}`,
        conversationKey: input.conversation.key,
        customerKey: input.conversation.customerKey,
        channelId: input.conversation.channelId,
        reference: input.reference,
        language: input.conversation.language,
        reason: input.reason,
        signals: input.signals,
        priority: input.priority,
        score: input.score,
        summary: { ...input.summary, whileQueued: [], earlierCases },
        status: 'waiting',
        notes: [],
        events: [{ at, event: 'opened', by: 'bot', detail: input.reason }],
        createdAt: at,
        revision: 1,
      };
      tx.putCase(record);
      tx.putConversation({ ...lifecycle.withOwner(conversation, 'queued', 'bot'), outcome: 'handed_off', openCaseId: record.id });
      return { record, created: true };
    });
    if (opened.created) lifecycle.emit(opened.record, 'opened');
    return opened;
  }

  /**
   * The customer wrote while a person is involved; the message itself is in the transcript. While the
   * case still waits, the (masked) text also goes into the summary, so the agent who takes it reads
   * the details the customer added without scrolling the transcript.
   */
  async customerWrote(record: CaseRecord, maskedText?: string): Promise<void> {
    const { lifecycle } = this;
    const text = maskedText?.trim();
    let current = record;
    if (text && record.status === 'waiting') {
      const at = lifecycle.stamp();
      current = await lifecycle.store.transact((tx) => {
        const stored = tx.case(record.id);
        if (!stored || stored.status !== 'waiting') return stored ?? record;
        const whileQueued = [...(stored.summary.whileQueued ?? []), { at, text }].slice(-QUEUED_MESSAGES_KEPT);
        const changed: CaseRecord = { ...stored, summary: { ...stored.summary, whileQueued }, revision: stored.revision + 1 };
        tx.putCase(changed);
        return changed;
      });
    }
    lifecycle.emit(current, 'customer_message');
  }

  /** 1-based place of a waiting case in the queue; undefined when it is no longer waiting. */
  async queuePosition(caseId: string): Promise<number | undefined> {
    return this.lifecycle.store.read((view) => view.queuePlace(caseId));
  }

  /** The waiting cases' ids in queue order (a case's place is its index + 1), without their records. */
  async waitingQueue(): Promise<QueueEntry[]> {
    return this.lifecycle.store.read((view) => view.waitingQueue());
  }

  /**
   * See `expectedWaitMinutes` in queue-estimates.ts. The agents on duty are the signed-in ones
   * (`signedIn`; undefined when the caller cannot tell: then at least one), or, when more, those
   * holding a case now (an integration answers without signing in).
   */
  async expectedWaitMinutes(position: number, signedIn: number | undefined): Promise<number | undefined> {
    const now = this.lifecycle.now();
    // Only the cases the estimate looks at are copied: not the waiting ones, however long the queue.
    const cases = await this.lifecycle.store.read((view) => view.cases({ pickedUp: true, where: (record) => countsTowardsExpectedWait(record, now) }));
    const holding = new Set(cases.filter((record) => record.status === 'assigned' && record.agent).map((record) => record.agent)).size;
    const standing: QueueStanding = { position, agentsOnDuty: Math.max(signedIn ?? 1, holding) };
    return expectedWaitMinutes(cases, now, standing);
  }

  /** The customer gave up waiting ("peru"): the case is abandoned and the bot answers again. */
  async abandon(conversationKey: ConversationKey): Promise<CaseRecord | undefined> {
    const { lifecycle } = this;
    const abandoned = await lifecycle.store.transact((tx) => {
      const conversation = tx.conversation(conversationKey);
      const record = conversation?.openCaseId ? tx.case(conversation.openCaseId) : undefined;
      // Only a case nobody has taken: once an agent holds it, the agent closes it.
      if (!conversation || !record || record.status !== 'waiting') return undefined;
      const status = transitionCase(record.status, 'abandoned');
      const changed: CaseRecord = {
        ...record,
        status,
        endedAt: lifecycle.stamp(),
        revision: record.revision + 1,
        events: [...record.events, lifecycle.event('abandoned', 'customer')],
      };
      tx.putCase(changed);
      const { openCaseId: _closed, ...rest } = lifecycle.withOwner(conversation, 'bot', 'customer');
      tx.putConversation({ ...rest, outcome: 'abandoned' });
      return changed;
    });
    if (abandoned) lifecycle.emit(abandoned, 'abandoned');
    return abandoned;
  }

  /**
   * The bot answered `intent` in the conversation: appended to its `answeredIntents`, unless it is the
   * last one already (a follow-up on the same topic is one answer to the analytics, and no write).
   * The record is created when it is not stored yet (the conversation's first message).
   * @param known the record as the caller read it this turn (`conversationOrNew`): when its last
   *   intent is `intent` already, nothing is read or written.
   */
  async noteAnswered(identity: ConversationIdentity, intent: string, known?: ConversationRecord): Promise<void> {
    const last = (known ?? (await this.lifecycle.conversation(identity.key)))?.answeredIntents?.at(-1);
    if (last === intent) return;
    await this.lifecycle.store.transact((tx) => {
      const conversation = tx.conversation(identity.key) ?? this.lifecycle.putNewConversation(tx, identity);
      if (conversation.answeredIntents?.at(-1) === intent) return;
      const answered = conversation.answeredIntents ?? [];
      // Past the limit the first one stays: it is the intent that started the conversation.
      const kept = answered.length < ANSWERED_INTENTS_KEPT ? answered : [answered[0]!, ...answered.slice(-(ANSWERED_INTENTS_KEPT - 2))];
      tx.putConversation({ ...conversation, answeredIntents: [...kept, intent] });
    });
  }

  /**
   * The customer said the last answer did not help: its intent is added to `notHelpfulIntents` (once).
   * Returns that intent, or undefined when the bot had answered nothing yet.
   */
  async noteNotHelpful(key: ConversationKey): Promise<string | undefined> {
    return this.lifecycle.store.transact((tx) => {
      const conversation = tx.conversation(key);
      const intent = conversation?.answeredIntents?.at(-1);
      if (!conversation || !intent) return undefined;
      const earlier = conversation.notHelpfulIntents ?? [];
      if (!earlier.includes(intent)) tx.putConversation({ ...conversation, notHelpfulIntents: [...earlier, intent] });
      return intent;
    });
  }

  /** After a closed case: the customer's rating (or undefined when they wrote something else); the bot takes over. */
  async backToBot(conversationKey: ConversationKey, rating?: number): Promise<void> {
    const { lifecycle } = this;
    const rated = await lifecycle.store.transact((tx) => {
      const conversation = tx.conversation(conversationKey);
      if (!conversation || conversation.owner !== 'closed') return undefined;
      const { openCaseId, ...rest } = lifecycle.withOwner(conversation, 'bot', 'customer');
      tx.putConversation({ ...rest, ...(rating !== undefined && openCaseId ? { rating: { score: rating, at: lifecycle.stamp(), caseId: openCaseId } } : {}) });
      return rating !== undefined && openCaseId ? tx.case(openCaseId) : undefined;
    });
    // Without this, the console's "today" figures keep the old average until some other case changes.
    if (rated) lifecycle.emit(rated, 'rated');
  }

  /**
   * The customer's comment on the rating they just gave, stored next to the score (`rating.comment`);
   * the caller masks personal data first. Undefined when the conversation has no rating to comment on.
   */
  async commentOnRating(conversationKey: ConversationKey, maskedComment: string): Promise<CaseRecord | undefined> {
    const { lifecycle } = this;
    const comment = maskedComment.trim();
    const rated = await lifecycle.store.transact((tx) => {
      const conversation = tx.conversation(conversationKey);
      if (!conversation?.rating || comment === '') return undefined;
      tx.putConversation({ ...conversation, rating: { ...conversation.rating, comment } });
      return tx.case(conversation.rating.caseId);
    });
    // The console shows the comment on the closed case; without an event it would appear only after some other change.
    if (rated) lifecycle.emit(rated, 'rated');
    return rated;
  }
}

/** An earlier case for the summary, with the customer's rating of it when the conversation kept one. */
function earlierCaseOf(tx: HandoffTransaction, earlier: CaseRecord): EarlierCase {
  const rating = tx.conversation(earlier.conversationKey)?.rating;
  return {
    id: earlier.id,
    createdAt: earlier.createdAt,
    reason: earlier.reason,
    status: earlier.status,
    ...(earlier.resolution ? { resolution: earlier.resolution } : {}),
    ...(rating?.caseId === earlier.id ? { rating: rating.score } : {}),
  };
}
