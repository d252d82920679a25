import { EventEmitter } from 'node:events';
import type { ConversationReference } from 'botbuilder';
import type { CaseRecord, CaseStatus, CaseSummary, ConversationKey, ConversationRecord, CustomerKey, OwnerName } from './case-records.js';
import type { HandoffStore, HandoffTransaction } from './handoff-store.js';
import { CaseConflictError, CaseNotFoundError, NotYourCaseError } from './case-errors.js';
import { transitionOwner } from './conversation-owner.js';
import type { HandoffPriority, HandoffReason } from './escalation-policy.js';

/** Statuses in which a person is (or will be) involved. */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['waiting', 'assigned'];

/** How many recent pick-ups the expected wait is the median of, and how far back they may be. */
export const EXPECTED_WAIT_SAMPLE = { cases: 20, days: 14, atLeast: 3 } as const;

export interface ConversationIdentity {
  key: ConversationKey;
  customerKey: CustomerKey;
  channelId: string;
  language: string;
}

export interface OpenCaseInput {
  conversation: ConversationIdentity;
  reference: Partial<ConversationReference>;
  reason: HandoffReason;
  signals: string[];
  priority: HandoffPriority;
  score: number | null;
  summary: Omit<CaseSummary, 'earlierCases'>;
}

/** One change to a case, for live views. */
export interface CaseChange {
  /** "opened", "claimed", "released", "transferred", "replied", "closed", "abandoned", "customer_message", ... */
  kind: string;
  caseId: string;
  status: CaseStatus;
  revision: number;
}

export interface OpenedCase {
  record: CaseRecord;
  /** False when the conversation already had an open case (the customer asked twice): that case is returned. */
  created: boolean;
}

/**
 * The agents' queue: opens cases, lets agents claim, answer and close them, and keeps who owns each
 * conversation (bot, queued, agent, closed) with its history. Every change is one store transaction,
 * so a race between two agents has exactly one winner and nothing is half-written.
 */
export class HandoffDesk {
  /**
   * `change` (CaseChange) after every stored change and every customer message on an open case,
   * for live views such as the agent console.
   */
  readonly events = new EventEmitter<{ change: [CaseChange] }>();

  constructor(
    private readonly store: HandoffStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The conversation's record, created (as contained by the bot) on its first message. */
  async noteConversation(identity: ConversationIdentity): Promise<ConversationRecord> {
    const existing = await this.store.read((view) => view.conversation(identity.key));
    if (existing) return existing;
    return this.store.transact((tx) => tx.conversation(identity.key) ?? this.putNewConversation(tx, identity));
  }

  async conversation(key: ConversationKey): Promise<ConversationRecord | undefined> {
    return this.store.read((view) => view.conversation(key));
  }

  async openCase(input: OpenCaseInput): Promise<OpenedCase> {
    const at = this.now().toISOString();
    return this.store.transact((tx) => {
      const conversation = tx.conversation(input.conversation.key) ?? this.putNewConversation(tx, input.conversation);
      const open = conversation.openCaseId ? tx.case(conversation.openCaseId) : undefined;
      if (open && OPEN_CASE_STATUSES.includes(open.status)) return { record: open, created: false };

      const earlierCases = tx
        .cases({ customerKey: input.conversation.customerKey })
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, 5)
        .map((earlier) => ({ id: earlier.id, createdAt: earlier.createdAt, reason: earlier.reason, status: earlier.status, ...(earlier.resolution ? { resolution: earlier.resolution } : {}) }));
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
        summary: { ...input.summary, earlierCases },
        status: 'waiting',
        notes: [],
        events: [{ at, event: 'opened', by: 'bot', detail: input.reason }],
        createdAt: at,
        revision: 1,
      };
      tx.putCase(record);
      tx.putConversation({ ...this.withOwner(conversation, 'queued', 'bot'), outcome: 'handed_off', openCaseId: record.id });
      return { record, created: true };
    }).then((opened) => {
      if (opened.created) this.emit(opened.record, 'opened');
      return opened;
    });
  }

  /** The customer wrote while a person is involved; the message itself is in the transcript. */
  customerWrote(record: CaseRecord): void {
    this.emit(record, 'customer_message');
  }

  async getCase(id: string): Promise<CaseRecord> {
    const record = await this.store.read((view) => view.case(id));
    if (!record) throw new CaseNotFoundError(id);
    return record;
  }

  /** Open cases in the order agents should take them: priority first, then the longest waiting. */
  async queue(): Promise<CaseRecord[]> {
    return (await this.store.read((view) => view.cases({ status: ['waiting'] }))).sort(queueOrder);
  }

  async openCases(): Promise<CaseRecord[]> {
    return (await this.store.read((view) => view.cases({ status: OPEN_CASE_STATUSES }))).sort(queueOrder);
  }

  /** 1-based place of a waiting case in the queue; undefined when it is no longer waiting. */
  async queuePosition(caseId: string): Promise<number | undefined> {
    const index = (await this.queue()).findIndex((record) => record.id === caseId);
    return index < 0 ? undefined : index + 1;
  }

  /**
   * Minutes an agent has recently taken to pick up a case: the median over the last
   * `EXPECTED_WAIT_SAMPLE.cases` pick-ups of the last `days` days. Undefined with too few of them,
   * so the customer is never promised a time the service has not shown it can keep.
   */
  async expectedWaitMinutes(): Promise<number | undefined> {
    const since = this.now().getTime() - EXPECTED_WAIT_SAMPLE.days * 86_400_000;
    const waits = (await this.store.read((view) => view.cases()))
      .filter((record) => record.assignedAt && Date.parse(record.assignedAt) >= since)
      .sort((a, b) => b.assignedAt!.localeCompare(a.assignedAt!))
      .slice(0, EXPECTED_WAIT_SAMPLE.cases)
      .map((record) => (Date.parse(record.assignedAt!) - Date.parse(record.createdAt)) / 60_000);
    if (waits.length < EXPECTED_WAIT_SAMPLE.atLeast) return undefined;
    return Math.max(1, Math.ceil(median(waits)));
  }

  /** The case, if `agent` holds it; otherwise the conflict (not assigned) or not-yours error for `action`. */
  async caseHeldBy(caseId: string, agent: string, action: string): Promise<CaseRecord> {
    const record = await this.getCase(caseId);
    this.mustBeAssignedTo(record, agent, action);
    return record;
  }

  async claim(caseId: string, agent: string): Promise<CaseRecord> {
    return this.changeCase(caseId, 'claim', (record, tx) => {
      if (record.status !== 'waiting') throw new CaseConflictError(caseId, record.status, 'claim', record.agent);
      this.moveOwner(tx, record, 'agent', `agent:${agent}`);
      return { ...record, status: 'assigned', agent, assignedAt: record.assignedAt ?? this.stamp(), events: [...record.events, this.event('claimed', `agent:${agent}`)] };
    });
  }

  /** The agent puts the case back in the queue for someone else. */
  async release(caseId: string, agent: string): Promise<CaseRecord> {
    return this.changeCase(caseId, 'release', (record, tx) => {
      this.mustBeAssignedTo(record, agent, 'release');
      this.moveOwner(tx, record, 'queued', `agent:${agent}`);
      const { agent: _released, ...rest } = record;
      return { ...rest, status: 'waiting', events: [...record.events, this.event('released', `agent:${agent}`)] };
    });
  }

  async transfer(caseId: string, agent: string, toAgent: string): Promise<CaseRecord> {
    return this.changeCase(caseId, 'transfer', (record) => {
      this.mustBeAssignedTo(record, agent, 'transfer');
      return { ...record, agent: toAgent, events: [...record.events, this.event('transferred', `agent:${agent}`, toAgent)] };
    });
  }

  /** Call before sending an agent's reply: checks the agent holds the case and records the first reply time. */
  async recordAgentReply(caseId: string, agent: string): Promise<CaseRecord> {
    return this.changeCase(caseId, 'reply to', (record) => {
      this.mustBeAssignedTo(record, agent, 'reply to');
      return { ...record, firstAgentReplyAt: record.firstAgentReplyAt ?? this.stamp(), events: [...record.events, this.event('replied', `agent:${agent}`)] };
    });
  }

  async addNote(caseId: string, agent: string, text: string): Promise<CaseRecord> {
    return this.changeCase(caseId, 'add a note to', (record) => {
      if (!OPEN_CASE_STATUSES.includes(record.status) && record.agent !== agent) throw new CaseConflictError(caseId, record.status, 'add a note to');
      return { ...record, notes: [...record.notes, { at: this.stamp(), agent, text }] };
    });
  }

  /** The agent is done: the conversation waits for the customer's rating, then the bot has it again. */
  async close(caseId: string, agent: string, resolution: string): Promise<CaseRecord> {
    return this.changeCase(caseId, 'close', (record, tx) => {
      this.mustBeAssignedTo(record, agent, 'close');
      this.moveOwner(tx, record, 'closed', `agent:${agent}`);
      return { ...record, status: 'closed', resolution, endedAt: this.stamp(), events: [...record.events, this.event('closed', `agent:${agent}`, resolution)] };
    });
  }

  /** The customer gave up waiting ("peru"): the case is abandoned and the bot answers again. */
  async abandon(conversationKey: ConversationKey): Promise<CaseRecord | undefined> {
    return this.store.transact((tx) => {
      const conversation = tx.conversation(conversationKey);
      const record = conversation?.openCaseId ? tx.case(conversation.openCaseId) : undefined;
      if (!conversation || !record || record.status !== 'waiting') return undefined;
      const abandoned: CaseRecord = { ...record, status: 'abandoned', endedAt: this.stamp(), revision: record.revision + 1, events: [...record.events, this.event('abandoned', 'customer')] };
      tx.putCase(abandoned);
      const { openCaseId: _closed, ...rest } = this.withOwner(conversation, 'bot', 'customer');
      tx.putConversation({ ...rest, outcome: 'abandoned' });
      return abandoned;
    }).then((abandoned) => {
      if (abandoned) this.emit(abandoned, 'abandoned');
      return abandoned;
    });
  }

  /** After a closed case: the customer's rating (or undefined when they wrote something else); the bot takes over. */
  async backToBot(conversationKey: ConversationKey, rating?: number): Promise<void> {
    await this.store.transact((tx) => {
      const conversation = tx.conversation(conversationKey);
      if (!conversation || conversation.owner !== 'closed') return;
      const { openCaseId, ...rest } = this.withOwner(conversation, 'bot', 'customer');
      tx.putConversation({ ...rest, ...(rating !== undefined && openCaseId ? { rating: { score: rating, at: this.stamp(), caseId: openCaseId } } : {}) });
    });
  }

  /** Deletes cases that ended before `before`; returns them so their transcripts can go too. */
  async purgeEndedBefore(before: Date): Promise<CaseRecord[]> {
    const cutoff = before.toISOString();
    return this.store.transact((tx) => {
      const old = tx.cases({ status: ['closed', 'abandoned'] }).filter((record) => record.endedAt !== undefined && record.endedAt < cutoff);
      for (const record of old) tx.deleteCase(record.id);
      return old;
    });
  }

  /** Deletes a conversation's record unless a person is still involved; false when it was kept. */
  async forgetConversationUnlessOpen(key: ConversationKey): Promise<boolean> {
    return this.store.transact((tx) => {
      const conversation = tx.conversation(key);
      const open = conversation?.openCaseId ? tx.case(conversation.openCaseId) : undefined;
      if (open && OPEN_CASE_STATUSES.includes(open.status)) return false;
      if (conversation) tx.deleteConversation(key);
      return true;
    });
  }

  /** Everything kept about one customer (GDPR access request). */
  async customerData(customerKey: CustomerKey): Promise<{ cases: CaseRecord[]; conversations: ConversationRecord[] }> {
    return this.store.read((view) => ({ cases: view.cases({ customerKey }), conversations: view.conversations({ customerKey }) }));
  }

  /**
   * Deletes every case and conversation record of a customer (GDPR erasure) and compacts the store,
   * so no earlier copy of them stays on disk (the journal would otherwise keep them until its next
   * compaction); returns what was deleted.
   */
  async eraseCustomer(customerKey: CustomerKey): Promise<{ cases: CaseRecord[]; conversations: ConversationRecord[] }> {
    const erased = await this.store.transact((tx) => {
      const cases = tx.cases({ customerKey });
      const conversations = tx.conversations({ customerKey });
      for (const record of cases) tx.deleteCase(record.id);
      for (const record of conversations) tx.deleteConversation(record.key);
      return { cases, conversations };
    });
    await this.store.compact();
    return erased;
  }

  /**
   * Rewrites the store without the records deleted so far, so no earlier copy of them stays on disk
   * (retention calls it after deleting; erasure does it itself).
   */
  async compact(): Promise<void> {
    await this.store.compact();
  }

  async allRecords(): Promise<{ cases: CaseRecord[]; conversations: ConversationRecord[] }> {
    return this.store.read((view) => ({ cases: view.cases(), conversations: view.conversations() }));
  }

  private putNewConversation(tx: HandoffTransaction, identity: ConversationIdentity): ConversationRecord {
    const record: ConversationRecord = {
      key: identity.key,
      customerKey: identity.customerKey,
      channelId: identity.channelId,
      language: identity.language,
      startedAt: this.stamp(),
      owner: 'bot',
      ownerHistory: [],
      outcome: 'contained',
    };
    tx.putConversation(record);
    return record;
  }

  private async changeCase(caseId: string, action: string, change: (record: CaseRecord, tx: HandoffTransaction) => CaseRecord): Promise<CaseRecord> {
    return this.store.transact((tx) => {
      const record = tx.case(caseId);
      if (!record) throw new CaseNotFoundError(caseId);
      const changed = { ...change(record, tx), revision: record.revision + 1 };
      tx.putCase(changed);
      return changed;
    }).then((changed) => {
      this.emit(changed, CHANGE_KINDS[action] ?? action);
      return changed;
    });
  }

  private emit(record: CaseRecord, kind: string): void {
    this.events.emit('change', { kind, caseId: record.id, status: record.status, revision: record.revision });
  }

  private mustBeAssignedTo(record: CaseRecord, agent: string, action: string): void {
    if (record.status !== 'assigned') throw new CaseConflictError(record.id, record.status, action, record.agent);
    if (record.agent !== agent) throw new NotYourCaseError(record.id, record.agent, action);
  }

  private moveOwner(tx: HandoffTransaction, record: CaseRecord, to: OwnerName, by: string): void {
    const conversation = tx.conversation(record.conversationKey);
    if (conversation) tx.putConversation(this.withOwner(conversation, to, by));
  }

  private withOwner(conversation: ConversationRecord, to: OwnerName, by: string): ConversationRecord {
    const change = transitionOwner(conversation.owner, to, this.now(), by);
    return { ...conversation, owner: to, ownerHistory: [...conversation.ownerHistory, change] };
  }

  private event(event: string, by: string, detail?: string) {
    return { at: this.stamp(), event, by, ...(detail ? { detail } : {}) };
  }

  private stamp(): string {
    return this.now().toISOString();
  }
}

const CHANGE_KINDS: Record<string, string> = { claim: 'claimed', release: 'released', transfer: 'transferred', 'reply to': 'replied', 'add a note to': 'noted', close: 'closed' };

/** Priority first (1 before 3), then the case that has waited longest. */
export function queueOrder(a: CaseRecord, b: CaseRecord): number {
  return a.priority - b.priority || a.createdAt.localeCompare(b.createdAt);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
