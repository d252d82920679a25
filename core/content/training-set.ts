import { LANGUAGES, type Language } from '../languages.js';
import type { Intent } from './intent-schema.js';

/** The intents' examples as labelled texts per language, the shape the NLU trains on. */
export function trainingSetFrom(intents: readonly Intent[]): Record<Language, { text: string; intent: string }[]> {
  const set = Object.fromEntries(LANGUAGES.map((language) => [language, [] as { text: string; intent: string }[]])) as Record<
    Language,
    { text: string; intent: string }[]
  >;
  for (const intent of intents) {
    for (const language of LANGUAGES) for (const text of intent.examples[language]) set[language].push({ text, intent: intent.name });
  }
  return set;
}
