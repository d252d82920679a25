import type { CaseRecord, ConversationRecord } from './case-records.js';
import type { HandoffStore } from './handoff-store.js';

/** Read-only access for the service's numbers (`computeMetrics`): every record, in one consistent moment. */
export class CaseReports {
  constructor(private readonly store: HandoffStore) {}

  async allRecords(): Promise<{ cases: CaseRecord[]; conversations: ConversationRecord[] }> {
    return this.store.read((view) => ({ cases: view.cases(), conversations: view.conversations() }));
  }
}
