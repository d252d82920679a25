import type { CaseLifecycle } from './case-lifecycle.js';
import type { CaseRecord, ConversationKey } from './case-records.js';
import { OPEN_CASE_STATUSES } from './case-status.js';
import type { EmailContact, EmailStep } from './email-contact.js';
import { applyDelivery, type DeliveryChange } from './message-delivery.js';

/**
 * How the case reaches its customer: the email step (offered, asked, confirming, confirmed, declined,
 * with the address) and what became of each agent message (delivered, seen, not connected, emailed).
 * Both are kept on the case, each change in one transaction, and told to live views (`email`,
 * `delivery`), so the console shows the truth after a reload and without one.
 */
export class CaseContact {
  constructor(private readonly lifecycle: CaseLifecycle) {}

  /** The open case of a conversation, if it has one. */
  async openCase(key: ConversationKey): Promise<CaseRecord | undefined> {
    return this.lifecycle.store.read((view) => {
      const id = view.conversation(key)?.openCaseId;
      const record = id ? view.case(id) : undefined;
      return record && OPEN_CASE_STATUSES.includes(record.status) ? record : undefined;
    });
  }

  /** The conversation's newest case, open or ended: a read receipt may come after the agent closed it. */
  async latestCase(key: ConversationKey): Promise<CaseRecord | undefined> {
    return this.lifecycle.store.read((view) => view.cases({ conversationKey: key }).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]);
  }

  /** Moves the case's email step; the address is kept only with `confirming` and `confirmed`. */
  async setEmailStep(caseId: string, step: EmailStep, address?: string): Promise<CaseRecord | undefined> {
    const keepsAddress = step === 'confirming' || step === 'confirmed';
    return this.update(caseId, 'email', (record) => {
      const kept = keepsAddress ? (address ?? record.email?.address) : undefined;
      const email: EmailContact = { step, at: this.lifecycle.stamp(), ...(kept ? { address: kept } : {}) };
      return { ...record, email };
    });
  }

  /**
   * Applies `change` to the agent messages of the case named by `ids`; with `upTo`, to every agent
   * message up to and including that id (as the web chat's read receipt means); with `sentUpTo`, to
   * every one sent at or before that time (Messenger's watermark). Returns the case when something
   * changed; a change that adds nothing is not written.
   */
  async noteDelivery(
    caseId: string,
    change: DeliveryChange,
    messages: { ids: readonly string[] } | { upTo: string } | { sentUpTo: string },
  ): Promise<CaseRecord | undefined> {
    return this.update(caseId, 'delivery', (record) => {
      let cutoff = -1;
      if ('upTo' in messages) cutoff = record.events.findIndex((event) => event.messageId === messages.upTo);
      if ('upTo' in messages && cutoff < 0) return record;
      let changed = false;
      const events = record.events.map((event, index) => {
        if (event.event !== 'replied' || !event.delivery || !event.messageId) return event;
        const named = 'ids' in messages ? messages.ids.includes(event.messageId) : 'upTo' in messages ? index <= cutoff : event.at <= messages.sentUpTo;
        if (!named) return event;
        const delivery = applyDelivery(event.delivery, change);
        if (delivery === event.delivery) return event;
        changed = true;
        return { ...event, delivery };
      });
      return changed ? { ...record, events } : record;
    });
  }

  /** One change in one transaction: written, revision bumped and told to live views only when `change` returned a new record. */
  private async update(caseId: string, kind: 'email' | 'delivery', change: (record: CaseRecord) => CaseRecord): Promise<CaseRecord | undefined> {
    const { lifecycle } = this;
    const changed = await lifecycle.store.transact((tx) => {
      const record = tx.case(caseId);
      if (!record) return undefined;
      const next = change(record);
      if (next === record) return undefined;
      const written = { ...next, revision: record.revision + 1 };
      tx.putCase(written);
      return written;
    });
    if (changed) lifecycle.emit(changed, kind);
    return changed;
  }
}
