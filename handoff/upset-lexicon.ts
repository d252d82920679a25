import type { Language } from '../core/index.js';

/** One phrase that signals an upset customer; weight 1 = mild annoyance, 2 = clear frustration, 3 = anger, threat or profanity. */
export interface UpsetPhrase {
  phrase: string;
  weight: number;
}

/**
 * Phrases per language, as editors keep them in `lexicons/upset.yaml` (loaded by content's `loadLexicon`).
 * Declared here rather than imported, so handoff/ does not depend on content/; the shapes match structurally.
 */
export type UpsetLexicon = Record<Language, readonly UpsetPhrase[]>;
