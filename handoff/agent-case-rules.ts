import type { CaseRecord } from './case-records.js';
import type { CaseChangeKind } from './case-changes.js';
import { CaseConflictError, NotYourCaseError } from './case-errors.js';
import { OPEN_CASE_STATUSES, type CaseStatus } from './case-status.js';

/** The changes an agent makes to a case. */
export type AgentCaseChange = Extract<CaseChangeKind, 'claimed' | 'released' | 'transferred' | 'reassigned' | 'replied' | 'noted' | 'tagged' | 'closed'>;

interface AgentCaseRule {
  /** The action as the errors say it: "cannot <verb> case C-00001: ...". */
  verb: string;
  /** Statuses in which the action is allowed. */
  from: readonly CaseStatus[];
  /** Only the agent who holds the case may do it (otherwise `NotYourCaseError`). */
  holderOnly: boolean;
  /** The agent who held an ended case may still do it (a note written after closing). */
  formerHolderToo?: boolean;
}

/** Who may change a case how, as data: one row per agent action. */
export const AGENT_CASE_RULES: Readonly<Record<AgentCaseChange, AgentCaseRule>> = {
  claimed: { verb: 'claim', from: ['waiting'], holderOnly: false },
  released: { verb: 'release', from: ['assigned'], holderOnly: true },
  transferred: { verb: 'transfer', from: ['assigned'], holderOnly: true },
  // A supervisor's move; the API lets only supervisors ask for it (the desk does not know roles).
  reassigned: { verb: 'reassign', from: OPEN_CASE_STATUSES, holderOnly: false },
  replied: { verb: 'reply to', from: ['assigned'], holderOnly: true },
  noted: { verb: 'add a note to', from: OPEN_CASE_STATUSES, holderOnly: false, formerHolderToo: true },
  closed: { verb: 'close', from: ['assigned'], holderOnly: true },
  // Tags are for finding cases later, so an ended case can still get them (who may open it is the console's check).
  tagged: { verb: 'tag', from: ['waiting', 'assigned', 'closed', 'abandoned'], holderOnly: false },
};

/**
 * Throws unless `agent` may make `change` to the case now: `CaseConflictError` when the case is not
 * in a status that allows it (someone else claimed or closed it first), `NotYourCaseError` when
 * another agent holds it. Both say what to do next.
 */
export function checkAgentChange(record: CaseRecord, change: AgentCaseChange, agent: string): void {
  const rule = AGENT_CASE_RULES[change];
  const formerHolder = rule.formerHolderToo === true && record.agent === agent;
  if (!rule.from.includes(record.status) && !formerHolder) {
    throw new CaseConflictError(record.id, record.status, rule.verb, rule.formerHolderToo ? undefined : record.agent);
  }
  if (rule.holderOnly && record.agent !== agent) throw new NotYourCaseError(record.id, record.agent, rule.verb);
}
