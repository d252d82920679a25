import { AgentDesk } from './agent-desk.js';
import { CaseContact } from './case-contact.js';
import { CaseLifecycle } from './case-lifecycle.js';
import { CaseReports } from './case-reports.js';
import { CustomerDesk } from './customer-desk.js';
import { DataGovernance } from './data-governance.js';
import type { HandoffStore } from './handoff-store.js';

/**
 * The handoff's faces over one store, one per group of callers: the customer side (dialogs/),
 * the agents' side (agent console, agent actions), retention and data rights, and the metrics. Only
 * the composition root holds them all; each caller is given the one it needs.
 */
export interface HandoffDesks {
  customer: CustomerDesk;
  agent: AgentDesk;
  governance: DataGovernance;
  reports: CaseReports;
  /** How the case reaches its customer: the email step and what became of each agent message. */
  contact: CaseContact;
}

/** The desks over `store`; the customer and agent sides share one lifecycle, so one change feed. */
export function createHandoffDesks(store: HandoffStore, now: () => Date = () => new Date()): HandoffDesks {
  const lifecycle = new CaseLifecycle(store, now);
  return {
    customer: new CustomerDesk(lifecycle),
    agent: new AgentDesk(lifecycle),
    governance: new DataGovernance(store),
    reports: new CaseReports(store),
    contact: new CaseContact(lifecycle),
  };
}
