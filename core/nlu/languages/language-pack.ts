import type { Language } from '../../languages.js';

/**
 * Everything language-specific in the NLU. Adding a language (Swedish next) means writing one of
 * these and registering it in ./index.ts; the classifier and the language identifier stay as they are.
 */
export interface LanguagePack {
  readonly language: Language;
  /** Normalised word tokens, with chat spellings mapped to standard ones where the pack knows them. */
  tokenise(text: string): string[];
  /** Stem of one normalised token. */
  stem(token: string): string;
  /** Very common function words; used by the language identifier, never removed from features. */
  readonly functionWords: ReadonlySet<string>;
  /**
   * Greeting words (normalised), for messages that are nothing but a greeting: "terve" or "moro" are
   * too short for the n-gram guess, which took "terve" for English.
   */
  readonly greetings: ReadonlySet<string>;
}
