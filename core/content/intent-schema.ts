import { z } from 'zod';
import { LANGUAGES, type Language } from '../languages.js';
import { OUT_OF_SCOPE_INTENT } from '../reserved-intents.js';

/** Button titles longer than this are cut by Messenger quick replies. */
export const MAX_FOLLOW_UP_LENGTH = 20;
/** Fewer examples than this gives the classifier too little to learn from. */
export const MIN_EXAMPLES = 3;

const phrase = z
  .string({ error: 'must be text' })
  .transform((text) => text.trim())
  .refine((text) => text.length > 0, { error: 'must not be empty' });

const phraseList = (what: string, min: number) =>
  z
    .array(phrase, { error: `must be a list of ${what} (one "- ..." line each)` })
    .min(min, { error: min === 1 ? `must have at least one ${what.replace(/s$/, '')}` : `must have at least ${min} ${what}` });

const perLanguage = <T extends z.ZodType>(item: T, optional = false) =>
  z.strictObject(Object.fromEntries(LANGUAGES.map((language) => [language, optional ? item.optional() : item])) as Record<Language, T>, {
    error: `must have one entry per language (${LANGUAGES.join(', ')})`,
  });

const followUp = phrase.refine((text) => text.length <= MAX_FOLLOW_UP_LENGTH, {
  error: `is longer than ${MAX_FOLLOW_UP_LENGTH} characters; Messenger buttons show at most ${MAX_FOLLOW_UP_LENGTH}`,
});

/** Schema of one file in intents/. Files are parsed with the YAML failsafe schema, so every scalar arrives as text. */
export const intentFileSchema = z
  .strictObject({
    version: z.literal('1', { error: 'must be 1 (the only format version so far)' }),
    name: z
      .string({ error: 'is required: the intent name, the same as the file name' })
      .regex(/^[a-z][a-z0-9_]*$/, { error: 'must be lowercase letters, digits and underscores, starting with a letter' }),
    description: phrase,
    title: perLanguage(followUp),
    menu: z
      .string()
      .regex(/^[1-9]$/, { error: 'must be a position from 1 to 9 (the order of the topic buttons)' })
      .transform(Number)
      .optional(),
    examples: perLanguage(phraseList('examples', MIN_EXAMPLES)),
    answers: perLanguage(phraseList('answers', 1)).optional(),
    follow_ups: perLanguage(z.array(followUp, { error: 'must be a list of button titles' }), true).optional(),
    dialog: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, { error: 'must be a dialog name such as order_status' })
      .optional(),
    sensitive: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .default('false')
      .transform((flag) => flag === 'true'),
    person_continues: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .default('false')
      .transform((flag) => flag === 'true')
      .describe('The answers tell the customer a person continues ("a person will continue"); the bot then opens a case right after answering'),
    tests: perLanguage(z.array(phrase, { error: 'must be a list of test phrases' }), true).optional(),
  })
  .superRefine((file, context) => {
    if (!file.answers && file.name !== OUT_OF_SCOPE_INTENT) {
      context.addIssue({ code: 'custom', path: ['answers'], message: 'is missing: add answers with fi and en lists' });
    }
  });

export type IntentFile = z.output<typeof intentFileSchema>;

/** An intent as the rest of the system sees it. */
export interface Intent {
  name: string;
  description: string;
  /** Short name shown on buttons and badges ("Laskutus" / "Billing"). */
  title: Record<Language, string>;
  /** Position among the topic buttons offered when the bot did not understand; undefined = not offered. */
  menu: number | undefined;
  examples: Record<Language, string[]>;
  answers: Record<Language, string[]>;
  followUps: Record<Language, string[]>;
  dialog: string | undefined;
  sensitive: boolean;
  /** Its answers promise that a person continues, so answering it opens a case (`person_continues: true`). */
  personContinues: boolean;
  /** Held-out phrases: never trained on, used by `intents test` and the NLU tests. */
  tests: Record<Language, string[]>;
  /** Where it came from, relative to the content root. */
  file: string;
}

export function toIntent(parsed: IntentFile, file: string): Intent {
  const byLanguage = (lists: Partial<Record<Language, string[] | undefined>> | undefined) =>
    Object.fromEntries(LANGUAGES.map((language) => [language, lists?.[language] ?? []])) as Record<Language, string[]>;
  return {
    name: parsed.name,
    description: parsed.description,
    title: parsed.title,
    menu: parsed.menu,
    examples: parsed.examples,
    answers: byLanguage(parsed.answers),
    followUps: byLanguage(parsed.follow_ups),
    dialog: parsed.dialog,
    sensitive: parsed.sensitive,
    personContinues: parsed.person_continues,
    tests: byLanguage(parsed.tests),
    file,
  };
}
