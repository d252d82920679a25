import { EventEmitter } from 'node:events';
import type { Language } from '../core/languages.js';
import type { AgentCaseChange } from './agent-case-rules.js';
import type { CaseChange, CaseChangeKind, CaseEventKind } from './case-changes.js';
import { CaseNotFoundError } from './case-errors.js';
import type { CaseEvent, CaseRecord, ConversationKey, ConversationRecord, CustomerKey } from './case-records.js';
import { transitionOwner, type ConversationOwner } from './conversation-owner.js';
import type { HandoffStore, HandoffTransaction } from './handoff-store.js';

/** Who the customer is, as the customer side knows it on the first message. */
export interface ConversationIdentity {
  key: ConversationKey;
  customerKey: CustomerKey;
  channelId: string;
  language: Language;
}

/** Live views listen here: one `change` per stored change and per customer message on an open case. */
export type CaseChangeFeed = EventEmitter<{ change: [CaseChange] }>;

/**
 * What the customer and agent desks share: the store, the clock, the change feed, and the steps
 * every change of a case or an owner takes (one transaction, owner moves checked against
 * `OWNER_TRANSITIONS`, a revision bump, then one event for live views). Not for callers outside
 * handoff/: they get a desk.
 */
export class CaseLifecycle {
  readonly changes: CaseChangeFeed = new EventEmitter<{ change: [CaseChange] }>();

  constructor(
    readonly store: HandoffStore,
    readonly now: () => Date = () => new Date(),
  ) {}

  async getCase(id: string): Promise<CaseRecord> {
    const record = await this.store.read((view) => view.case(id));
    if (!record) throw new CaseNotFoundError(id);
    return record;
  }

  async conversation(key: ConversationKey): Promise<ConversationRecord | undefined> {
    return this.store.read((view) => view.conversation(key));
  }

  /** One agent change of a case in one transaction: `change` checks and returns the new record; its revision is bumped here. */
  async changeCase(caseId: string, kind: AgentCaseChange, change: (record: CaseRecord, tx: HandoffTransaction) => CaseRecord): Promise<CaseRecord> {
    const changed = await this.store.transact((tx) => {
      const record = tx.case(caseId);
      if (!record) throw new CaseNotFoundError(caseId);
      const next = { ...change(record, tx), revision: record.revision + 1 };
      tx.putCase(next);
      return next;
    });
    this.emit(changed, kind);
    return changed;
  }

  emit(record: CaseRecord, kind: CaseChangeKind): void {
    const movesHolder = kind === 'routed' || kind === 'transferred' || kind === 'reassigned';
    this.changes.emit('change', {
      kind,
      caseId: record.id,
      status: record.status,
      revision: record.revision,
      ...(movesHolder && record.agent ? { agent: record.agent } : {}),
    });
  }

  putNewConversation(tx: HandoffTransaction, identity: ConversationIdentity): ConversationRecord {
    const record = this.newConversation(identity);
    tx.putConversation(record);
    return record;
  }

  /** The record a conversation starts with (contained by the bot), not stored. */
  newConversation(identity: ConversationIdentity): ConversationRecord {
    return {
      key: identity.key,
      customerKey: identity.customerKey,
      channelId: identity.channelId,
      language: identity.language,
      startedAt: this.stamp(),
      owner: 'bot',
      ownerHistory: [],
      outcome: 'contained',
    };
  }

  /** Moves the case's conversation to owner `to` (if the conversation is still kept). */
  moveOwner(tx: HandoffTransaction, record: CaseRecord, to: ConversationOwner, by: string): void {
    const conversation = tx.conversation(record.conversationKey);
    if (conversation) tx.putConversation(this.withOwner(conversation, to, by));
  }

  withOwner(conversation: ConversationRecord, to: ConversationOwner, by: string): ConversationRecord {
    const change = transitionOwner(conversation.owner, to, this.now(), by);
    return { ...conversation, owner: to, ownerHistory: [...conversation.ownerHistory, change] };
  }

  event(event: CaseEventKind, by: string, detail?: string): CaseEvent {
    return { at: this.stamp(), event, by, ...(detail ? { detail } : {}) };
  }

  stamp(): string {
    return this.now().toISOString();
  }
}
