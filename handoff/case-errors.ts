import type { CaseStatus } from './case-status.js';

/** The case does not exist (or was erased). HTTP 404. */
export class CaseNotFoundError extends Error {
  constructor(readonly caseId: string) {
    super(`case ${caseId} does not exist; it may have been deleted by retention or an erasure request`);
    this.name = 'CaseNotFoundError';
  }
}

/** The case is not in a state that allows the action, e.g. claimed by someone else first. HTTP 409. */
export class CaseConflictError extends Error {
  constructor(
    readonly caseId: string,
    readonly status: CaseStatus,
    action: string,
    readonly agent?: string,
  ) {
    super(`cannot ${action} case ${caseId}: it is ${status}${agent ? ` (agent ${agent})` : ''}; reload the case to see its current state`);
    this.name = 'CaseConflictError';
  }
}

/** The case is assigned to another agent. HTTP 403. */
export class NotYourCaseError extends Error {
  constructor(
    readonly caseId: string,
    readonly agent: string | undefined,
    action: string,
  ) {
    super(`cannot ${action} case ${caseId}: it is assigned to ${agent ?? 'nobody'}; claim it first or ask them to transfer it`);
    this.name = 'NotYourCaseError';
  }
}
