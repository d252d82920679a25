import { normaliseText, type NluResult } from '../core/nlu/index.js';

/** Words that open an elliptical follow-up: "entäs Turussa?", "and in Espoo?", "what about Saturday?". */
const LEAD_WORDS = new Set(['entä', 'entäs', 'entäpä', 'mites', 'mitäs', 'ja', 'no', 'and', 'also']);
const LEAD_PAIRS = ['what about', 'how about'];
/** Words that may follow the lead without adding anything: "entäs sitten Turussa?", "and then on Sunday?". */
const FILLERS = new Set(['sitten', 'sit', 'then']);
/**
 * At most this many words besides the lead: the detail and a preposition ("on Sunday", "in Espoo").
 * A longer message is a question of its own, even when it names a place ("and are you open in Tampere?").
 */
const ELLIPSIS_WORDS = 3;

/** A message that continues an earlier topic with a new detail. */
export interface FollowUp {
  /** The intent the message continues. */
  intent: string;
  /**
   * Whether it opens with "entä" / "and": such a message speaks for its own language, while a bare
   * detail ("Helsinki?", "123456") says nothing about it and keeps the conversation's.
   */
  led: boolean;
}

export interface FollowUpCandidate {
  text: string;
  nlu: NluResult;
  /** The topics the message may continue, most recent first: the last answered intent, then an interrupted dialog's. */
  topics: readonly string[];
  /** Whether the text carries a detail the topic understands: a place for outages, a day for opening hours, an order number for orders. */
  understands(topic: string, text: string): boolean;
  /** Whether an intent is a topic that takes details (has a dialog); such an intent of the message's own is answered as itself. */
  isTopic(intent: string): boolean;
}

/**
 * The topic an elliptical message continues, if any: a short message ("entäs Turussa?", "123456")
 * that carries a detail an earlier topic understands, and either has no confident intent of its own
 * or opens with "entä" / "and" / "what about" ("what about Helsinki?" is not a request for help).
 * An own intent that is a topic wins ("ja Tampereen myymälä lauantaina?" asks for opening hours).
 * Anything else is undefined and goes its usual way.
 * @example findFollowUp({ text: 'entäs Turussa?', topics: ['outage'], ... }) // { intent: 'outage', led: true }
 */
export function findFollowUp({ text, nlu, topics, understands, isTopic }: FollowUpCandidate): FollowUp | undefined {
  const { led, rest } = withoutLead(normaliseText(text));
  if (rest.length === 0 || rest.length > ELLIPSIS_WORDS) return undefined;
  if (nlu.intent && (!led || isTopic(nlu.intent))) return undefined;
  const intent = topics.find((topic) => understands(topic, text));
  return intent ? { intent, led } : undefined;
}

/** The turn's NLU result as the follow-up is understood: the continued topic, confidently. */
export function continuing(nlu: NluResult, followUp: FollowUp): NluResult {
  return { ...nlu, intent: followUp.intent, verdict: 'confident' };
}

function withoutLead(normalised: string): { led: boolean; rest: string[] } {
  const pair = LEAD_PAIRS.find((lead) => normalised === lead || normalised.startsWith(`${lead} `));
  const words = (pair ? normalised.slice(pair.length) : normalised).split(' ').filter(Boolean);
  const led = pair !== undefined || (words.length > 1 && LEAD_WORDS.has(words[0]!));
  const rest = pair ? words : led ? words.slice(1) : words;
  while (led && rest.length > 0 && FILLERS.has(rest[0]!)) rest.shift();
  return { led, rest };
}
