import { NOT_HELPFUL_INTENT } from './not-helpful.js';
import type { Language } from '../core/index.js';
import type { Verdict } from '../core/nlu/index.js';

/**
 * The intent of "that didn't help" ("ei auttanut"). The bot's answer before it goes to the learning
 * inbox. An intent by this name may not exist yet in the content; then nothing is recorded for it.
 */

/** Why a message is in the learning inbox. */
export const INBOX_KINDS = {
  /** The NLU had no confident intent (low_confidence, unfamiliar, ambiguous, out_of_scope). */
  not_understood: 'not_understood',
  /** The bot gave up on it: the conversation went to a person for low confidence. */
  handoff_low_confidence: 'handoff_low_confidence',
  /** The bot answered it, and the customer said the answer did not help. */
  not_helpful: 'not_helpful',
  /** The bot answered it, and the customer then asked for a person. */
  asked_for_person: 'asked_for_person',
} as const;
export type InboxKind = (typeof INBOX_KINDS)[keyof typeof INBOX_KINDS];

/** The verdicts that put a customer message in the inbox. */
export const MISSED_VERDICTS: readonly Verdict[] = ['low_confidence', 'unfamiliar', 'ambiguous', 'out_of_scope'];

/** One customer message the bot did not understand (or answered unhelpfully), for an editor to learn from. */
export interface InboxEntry {
  kind: InboxKind;
  /** The customer's message, masked (personal data never reaches the inbox). */
  text: string;
  language: Language;
  /** When it was written (ISO 8601). */
  at: string;
  /** Whose conversation it came from, so a customer's erasure and the retention reach it. */
  conversationKey: string;
  verdict: Verdict;
  /** The best intent's calibrated score. */
  score: number;
  /** The NLU's three best intents (out_of_scope never among them). */
  ranking: { intent: string; score: number }[];
  /** For not_helpful and asked_for_person: the intent the bot answered with and what it said (masked). */
  answeredIntent?: string;
  botAnswer?: string;
}

export interface InboxItem extends InboxEntry {
  id: string;
}

/** Where the dialogs record what the bot missed. */
export interface LearningInboxRecorder {
  /** Keeps the entry; never throws into the customer's turn (a failing store reports itself). */
  record(entry: InboxEntry): void;
}

/**
 * The learning inbox as a store (bot/store/file-learning-inbox.ts): bounded, newest kept, and reached
 * by the customer's erasure and the retention like the transcripts.
 */
export interface LearningInbox extends LearningInboxRecorder {
  /** Every item, newest first. */
  list(): Promise<InboxItem[]>;
  /** Removes handled items; returns how many were there. */
  remove(ids: readonly string[]): Promise<number>;
  /** Removes every item from these conversations (a customer's erasure). */
  forgetConversations(keys: readonly string[]): Promise<number>;
  /** Removes items written before `cutoff` (retention). */
  removeOlderThan(cutoff: Date): Promise<number>;
}
