import type { CaseStatus } from './case-status.js';

/** What can happen to a case, as kept in its history (`CaseEvent.event`). These strings are on disk: only add to them. */
export const CASE_EVENT_KINDS = {
  opened: 'opened',
  claimed: 'claimed',
  released: 'released',
  transferred: 'transferred',
  replied: 'replied',
  closed: 'closed',
  abandoned: 'abandoned',
  /** Routing gave the waiting case to an online agent (by "router", detail: the agent's login). */
  routed: 'routed',
  /** A supervisor gave the case to another agent or back to the queue (detail: the login, or "queue"). */
  reassigned: 'reassigned',
} as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[keyof typeof CASE_EVENT_KINDS];

/**
 * What live views are told about (`CaseChange.kind`): every history event, plus a note added, a
 * change of tags, a customer message on an open case, the customer's rating of a closed one, a change in
 * what became of an agent message (`delivery`) and in the customer's email step (`email`). None of these goes
 * into the case's history; the rating changes the figures the console shows.
 */
export type CaseChangeKind = CaseEventKind | 'noted' | 'tagged' | 'customer_message' | 'rated' | 'delivery' | 'email';

/** One change to a case, for live views such as the agent console. */
export interface CaseChange {
  kind: CaseChangeKind;
  caseId: string;
  status: CaseStatus;
  revision: number;
  /** Who holds the case after a routing, transfer or reassignment, so a console can tell whether it is now theirs. */
  agent?: string;
}
