import type { Intent } from './intent-schema.js';
import { loadIntents } from './load-intents.js';
import { loadLexicon, type Lexicon } from './load-lexicon.js';
import { loadMessages, type MessageCatalog } from './load-messages.js';
import { loadOpeningHours, type OpeningHours } from './load-opening-hours.js';
import { sortProblems, type ContentProblem } from './problem.js';

/** Everything editors own, loaded and checked together so one reload is all-or-nothing. */
export interface Content {
  intents: Intent[];
  messages: MessageCatalog;
  /** hours/opening-hours.yaml; undefined only when the file has errors (and then the content is refused). */
  openingHours: OpeningHours | undefined;
  /** lexicons/upset.yaml: phrases that show an upset customer. */
  upsetLexicon: Lexicon;
}

export interface ContentRequirements {
  knownDialogs?: readonly string[];
  requiredMessages?: readonly string[];
}

/**
 * @param replace intent files to check as these texts instead of what is on disk (see `LoadIntentsOptions.replace`).
 */
export async function loadContent(
  contentRoot: string,
  requirements: ContentRequirements = {},
  replace?: ReadonlyMap<string, string>,
): Promise<{ content: Content; problems: ContentProblem[] }> {
  const [intents, messages, hours, lexicon] = await Promise.all([
    loadIntents(contentRoot, { knownDialogs: requirements.knownDialogs, replace }),
    loadMessages(contentRoot, requirements.requiredMessages),
    loadOpeningHours(contentRoot),
    loadLexicon(contentRoot),
  ]);
  return {
    content: { intents: intents.intents, messages: messages.messages, openingHours: hours.hours, upsetLexicon: lexicon.lexicon },
    problems: sortProblems([...intents.problems, ...messages.problems, ...hours.problems, ...lexicon.problems]),
  };
}
