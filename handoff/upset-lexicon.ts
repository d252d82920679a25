import type { Language } from '../core/index.js';
import type { UpsetModel } from './upset-model.js';

/** One phrase that signals an upset customer; weight 1 = mild annoyance, 2 = clear frustration, 3 = anger, threat or profanity. */
export interface UpsetPhrase {
  phrase: string;
  weight: number;
}

/** Phrases of one kind per language, unweighted: the detector decides what they add up to. */
export type CuePhrases = Record<Language, readonly string[]>;

/**
 * Word lists that are not upset on their own but change what a message means; see `detectUpset`.
 * Editors keep them in the `cues:` section of `lexicons/upset.yaml`.
 */
export interface UpsetCues {
  /** Praise that reads as sarcasm next to a complaint ("mahtavaa", "fantastic service"). */
  praise: CuePhrases;
  /** Something is wrong ("ei toimi", "another outage"): turns praise into sarcasm and capitals into a shout. */
  complaint: CuePhrases;
  /** Now, at once ("heti", "right now"): turns an imperative into a demand. */
  urgency: CuePhrases;
  /** Threats to leave or go public ("laitan tästä someen"); ignored inside a how-to question. */
  threat: CuePhrases;
  /** The company, its people or its service ("teidän", "your"): a feeling word aimed at them weighs more than one about the situation. */
  address: CuePhrases;
  /** How-to questions ("miten", "how do I"): a threat word inside one is an ordinary request. */
  how_to: CuePhrases;
  /** Softeners ("vähän", "a bit"): a phrase right after one counts as mild (weight 1). */
  softener: CuePhrases;
  /** Emoji that show anger or contempt on their own (😡 🤬 🙄). */
  angry_emoji: readonly string[];
  /** Emoji that are sarcastic next to a complaint or repeated (👏 🙃). */
  sarcastic_emoji: readonly string[];
}

/**
 * Phrases per language, as editors keep them in `lexicons/upset.yaml` (loaded by content's `loadLexicon`),
 * and the cue lists when the file has them. Declared here rather than imported, so handoff/ does not
 * depend on content/; the shapes match structurally.
 */
export type UpsetLexicon = Record<Language, readonly UpsetPhrase[]> & {
  cues?: UpsetCues;
  /** The learned signal, trained from lexicons/upset-examples/ when content loads (bot/turn/live-content.ts). */
  model?: UpsetModel;
};
