import type { Intent } from './intent-schema.js';
import { loadIntents } from './load-intents.js';
import { loadLexicon, type Lexicon } from './load-lexicon.js';
import { loadMessages, type MessageCatalog } from './load-messages.js';
import { loadOpeningHours, type OpeningHours } from './load-opening-hours.js';
import { loadUpsetExamples, UPSET_EXAMPLES_FOLDER, type UpsetExamples } from './load-upset-examples.js';
import { LANGUAGES } from '../languages.js';
import { sortProblems, type ContentProblem } from './problem.js';

/** Everything editors own, loaded and checked together so one reload is all-or-nothing. */
export interface Content {
  intents: Intent[];
  messages: MessageCatalog;
  /** hours/opening-hours.yaml; undefined only when the file has errors (and then the content is refused). */
  openingHours: OpeningHours | undefined;
  /** lexicons/upset.yaml: phrases that show an upset customer. */
  upsetLexicon: Lexicon;
  /** lexicons/upset-examples/: whole messages labelled upset or calm, for the learned upset signal. */
  upsetExamples: UpsetExamples;
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
  const [intents, messages, hours, lexicon, upsetExamples] = await Promise.all([
    loadIntents(contentRoot, { knownDialogs: requirements.knownDialogs, replace }),
    loadMessages(contentRoot, requirements.requiredMessages),
    loadOpeningHours(contentRoot),
    loadLexicon(contentRoot),
    loadUpsetExamples(contentRoot),
  ]);
  // Checked here, where both are known: a misspelt intent name would silently train on nothing.
  const intentNames = new Set(intents.intents.map((intent) => intent.name));
  const unknownCalmIntents: ContentProblem[] = LANGUAGES.flatMap((language) =>
    upsetExamples.examples[language].calmIntents
      .filter(({ name }) => intents.intents.length > 0 && !intentNames.has(name))
      .map(({ name, line }) => ({
        file: `${UPSET_EXAMPLES_FOLDER}/${language}.yaml`,
        line,
        severity: 'error' as const,
        message: `calm_intents names '${name}', which is not an intent in intents/; check the spelling`,
      })),
  );
  return {
    content: {
      intents: intents.intents,
      messages: messages.messages,
      openingHours: hours.hours,
      upsetLexicon: lexicon.lexicon,
      upsetExamples: upsetExamples.examples,
    },
    problems: sortProblems([
      ...intents.problems,
      ...messages.problems,
      ...hours.problems,
      ...lexicon.problems,
      ...upsetExamples.problems,
      ...unknownCalmIntents,
    ]),
  };
}
