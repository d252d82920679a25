import type { CaseRecord, ConversationKey, ConversationRecord, CustomerKey } from './case-records.js';
import { OPEN_CASE_STATUSES } from './case-status.js';
import type { HandoffStore } from './handoff-store.js';

/** Everything kept about one customer. */
export interface CustomerRecords {
  cases: CaseRecord[];
  conversations: ConversationRecord[];
}

/**
 * What retention and the customer's data rights (GDPR access and erasure) do with the records:
 * read them per customer and delete them, never change a case's course. A case a person is still
 * working on is never purged.
 */
export class DataGovernance {
  constructor(private readonly store: HandoffStore) {}

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
  async customerData(customerKey: CustomerKey): Promise<CustomerRecords> {
    return this.store.read((view) => ({ cases: view.cases({ customerKey }), conversations: view.conversations({ customerKey }) }));
  }

  /**
   * Deletes every case and conversation record of a customer (GDPR erasure) and compacts the store,
   * so no earlier copy of them stays on disk (the journal would otherwise keep them until its next
   * compaction); returns what was deleted.
   */
  async eraseCustomer(customerKey: CustomerKey): Promise<CustomerRecords> {
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
}
