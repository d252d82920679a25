import type { Language } from '../core/index.js';

/**
 * The names details are kept under. Each has a label per language in messages/case-summary.yaml
 * (a test checks it), so the agent reads "Tilausnumero", not "orderNumber".
 */
export const DETAIL_KEYS = ['orderNumber', 'area', 'postalCode'] as const;
export type DetailKey = (typeof DETAIL_KEYS)[number];

/** What the bot remembers about one conversation between turns (kept in the conversation state). */
export interface ConversationData {
  /** The language the customer last wrote in; the hint for short messages such as "ok". */
  language?: Language;
  /** How many times each intent has been answered, to rotate between answer variants. */
  answered: Record<string, number>;
  /** The last recognised intent, for follow-up questions. */
  lastIntent?: string;
  /**
   * The intent of a dialog another topic interrupted before it had its answer ("where is my order?",
   * then "are you open today?"), so a bare order number afterwards still continues it.
   */
  interruptedIntent?: string;
  /**
   * Topic details the customer gave (order number, area, ...), named for the agent's summary, so the
   * customer never has to repeat them to a person.
   */
  details: Partial<Record<DetailKey, string>>;
  /** The frustration meter (`accumulateFrustration`); decays over calm turns. */
  frustration: number;
  /** Upset signals seen in this conversation, newest last, for the agent's summary. */
  upsetSignals: string[];
  /** Turns in a row the bot did not understand; ambiguous turns and dialog answers do not count. */
  misses: number;
  /**
   * The customer's last few messages (masked text, newest last), so `detectUpset` notices the same
   * complaint said again. Bounded by `EARLIER_TEXTS_KEPT` in the flow.
   */
  earlierTexts: string[];
}

export function newConversationData(): ConversationData {
  return { answered: {}, details: {}, frustration: 0, upsetSignals: [], misses: 0, earlierTexts: [] };
}

/** Fills fields added in later versions into state saved by an earlier one, in place. */
export function upgradeConversationData(data: ConversationData): ConversationData {
  for (const [key, value] of Object.entries(newConversationData())) {
    if ((data as unknown as Record<string, unknown>)[key] === undefined) (data as unknown as Record<string, unknown>)[key] = value;
  }
  return data;
}
