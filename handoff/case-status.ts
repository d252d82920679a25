/**
 * Where a case is in its life: waiting in the agents' queue, assigned to an agent, closed by the
 * agent, or abandoned by the customer before anyone took it.
 */
export const CASE_STATUSES = { waiting: 'waiting', assigned: 'assigned', closed: 'closed', abandoned: 'abandoned' } as const;
export type CaseStatus = (typeof CASE_STATUSES)[keyof typeof CASE_STATUSES];

/** Statuses in which a person is (or will be) involved. */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['waiting', 'assigned'];

/**
 * Allowed next statuses per status, beside `OWNER_TRANSITIONS`: the case's half of the lifecycle as
 * data, so it reads in one place and a test can walk it. Anything not listed is refused; an ended
 * case never reopens (the customer's next request opens a new case).
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  // 'assigned': an agent claims it; 'abandoned': the customer gives up waiting.
  waiting: ['assigned', 'abandoned'],
  // 'waiting': the agent releases it; 'closed': the agent is done. A transfer keeps it assigned.
  assigned: ['waiting', 'closed'],
  closed: [],
  abandoned: [],
};

export function canTransitionCase(from: CaseStatus, to: CaseStatus): boolean {
  return CASE_TRANSITIONS[from]?.includes(to) ?? false;
}

/**
 * Checks one change of status against `CASE_TRANSITIONS` and returns the new status. The desks check
 * each action's own rule first (with errors an agent can act on); this is the last guard, so a new
 * action cannot move a case along a path the lifecycle does not have.
 *
 * @example
 * transitionCase('waiting', 'assigned')  // 'assigned'
 * transitionCase('closed', 'assigned')   // throws
 */
export function transitionCase(from: CaseStatus, to: CaseStatus): CaseStatus {
  if (!canTransitionCase(from, to)) {
    const allowed = CASE_TRANSITIONS[from]?.join(', ') || 'nothing';
    throw new Error(
      `transitionCase(): cannot go from ${from} to ${to} (from ${from} only ${allowed} is allowed); add the path to CASE_TRANSITIONS if it is meant to exist`,
    );
  }
  return to;
}
