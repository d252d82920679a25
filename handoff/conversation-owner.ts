/**
 * Who is answering the customer: the bot, nobody yet (waiting in the agents' queue), an agent, or
 * nobody because the case is closed.
 */
export const CONVERSATION_OWNERS = { bot: 'bot', queued: 'queued', agent: 'agent', closed: 'closed' } as const;
export type ConversationOwner = (typeof CONVERSATION_OWNERS)[keyof typeof CONVERSATION_OWNERS];

/**
 * Allowed next owners per owner. Written as data so the whole lifecycle reads in one place and a
 * test can walk it; anything not listed is refused.
 */
export const OWNER_TRANSITIONS: Readonly<Record<ConversationOwner, readonly ConversationOwner[]>> = {
  bot: ['queued'],
  // 'bot': the customer gives up waiting and goes back to the bot; 'closed': nobody was available.
  queued: ['agent', 'bot', 'closed'],
  // 'queued': the agent releases the case or transfers it to another agent.
  agent: ['queued', 'closed'],
  // A closed case reopens with the bot when the customer writes again.
  closed: ['bot'],
};

/** One change of owner, kept in the conversation's history for the agent and for audits. */
export interface OwnerChange {
  from: ConversationOwner;
  to: ConversationOwner;
  /** ISO 8601 time, so the entry survives a round trip through the JSON store. */
  at: string;
  /** Who made the change, e.g. "customer", "bot", "agent:anna". */
  by: string;
}

export function canTransitionOwner(from: ConversationOwner, to: ConversationOwner): boolean {
  return OWNER_TRANSITIONS[from]?.includes(to) ?? false;
}

/**
 * Checks one change of owner against `OWNER_TRANSITIONS` and returns the history entry to store.
 * Throws on a forbidden change: without it, a late "claim" from an agent could reopen a closed case.
 *
 * @example
 * transitionOwner('bot', 'queued', new Date(), 'bot')  // { from: 'bot', to: 'queued', at: '2025-...Z', by: 'bot' }
 * transitionOwner('closed', 'agent', new Date(), 'agent:anna')  // throws
 */
export function transitionOwner(current: ConversationOwner, next: ConversationOwner, at: Date, by: string): OwnerChange {
  if (!canTransitionOwner(current, next)) {
    const allowed = OWNER_TRANSITIONS[current]?.join(', ') || 'nothing';
    throw new Error(`transitionOwner(): cannot go from ${current} to ${next} (from ${current} only ${allowed} is allowed)`);
  }
  if (Number.isNaN(at.getTime())) throw new Error(`transitionOwner(): the time of the change from ${current} to ${next} is an invalid date`);
  return { from: current, to: next, at: at.toISOString(), by };
}
