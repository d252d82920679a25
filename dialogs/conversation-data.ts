import type { Language } from '../core/index.js';

/** What the bot remembers about one conversation between turns (kept in the conversation state). */
export interface ConversationData {
  /** The language the customer last wrote in; the hint for short messages such as "ok". */
  language?: Language;
  /** How many times each intent has been answered, to rotate between answer variants. */
  answered: Record<string, number>;
  /** The last recognised intent, for follow-up questions. */
  lastIntent?: string;
  /**
   * Topic details the customer gave (order number, area, ...), named for the agent's summary, so the
   * customer never has to repeat them to a person.
   */
  details: Record<string, string>;
}

export function newConversationData(): ConversationData {
  return { answered: {}, details: {} };
}
