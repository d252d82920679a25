import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../languages.js';
import { sortProblems, type ContentProblem } from './problem.js';
import { asRecord } from './as-record.js';
import { YamlFile } from './yaml-file.js';

export const UPSET_LEXICON_FILE = 'lexicons/upset.yaml';

/** Unweighted cue lists of the `cues:` section; the same shape as handoff's `UpsetCues`. */
export interface LexiconCues {
  praise: Record<Language, string[]>;
  complaint: Record<Language, string[]>;
  urgency: Record<Language, string[]>;
  threat: Record<Language, string[]>;
  how_to: Record<Language, string[]>;
  address: Record<Language, string[]>;
  softener: Record<Language, string[]>;
  angry_emoji: string[];
  sarcastic_emoji: string[];
}

/** Weighted phrases per language and the cue lists; the same shape as handoff's `UpsetLexicon`, declared here so content does not import handoff. */
export type Lexicon = Record<Language, { phrase: string; weight: number }[]> & {
  cues?: LexiconCues;
  /** Attached after loading by whoever trains it from the upset examples (handoff's `UpsetModel`); never read from the file. */
  model?: { upsetProbability(text: string, language: Language): number | undefined };
};

const entrySchema = z.strictObject({
  phrase: z
    .string({ error: 'must be text' })
    .transform((text) => text.trim())
    .refine((text) => /[\p{L}\p{N}]/u.test(text), { error: 'must contain at least one word' }),
  // The failsafe schema hands every scalar over as text. Checking the text before converting it keeps
  // a missing weight reported as "is missing" rather than as the NaN that z.coerce would make of it.
  weight: z
    .string({ error: 'must be a number from 1 to 3' })
    .trim()
    .regex(/^[123]$/, { error: 'must be a number from 1 to 3' })
    .transform(Number),
});

const entries = z.array(entrySchema, { error: 'must be a list of phrase and weight pairs' });

const cuePhrase = z
  .string({ error: 'must be text' })
  .transform((text) => text.trim())
  .refine((text) => /[\p{L}\p{N}]/u.test(text), { error: 'must contain at least one word' });
const cueList = z.array(cuePhrase, { error: 'must be a list of phrases, one a line' });
const perLanguage = z.strictObject(Object.fromEntries(LANGUAGES.map((language) => [language, cueList])) as Record<Language, typeof cueList>);
const emojiList = z.array(
  z
    .string({ error: 'must be text' })
    .trim()
    .refine((text) => /\p{Extended_Pictographic}/u.test(text), { error: 'must be an emoji' }),
  { error: 'must be a list of emoji, one a line' },
);

const cuesSchema = z.strictObject({
  praise: perLanguage,
  complaint: perLanguage,
  urgency: perLanguage,
  threat: perLanguage,
  how_to: perLanguage,
  address: perLanguage,
  softener: perLanguage,
  angry_emoji: emojiList,
  sarcastic_emoji: emojiList,
});

const lexiconFileSchema = z.strictObject({
  version: z.literal('1', { error: 'must be 1 (the only format version so far)' }),
  description: z.string({ error: 'must be text' }),
  ...(Object.fromEntries(LANGUAGES.map((language) => [language, entries])) as Record<Language, typeof entries>),
  // Optional, so a lexicon of weighted phrases alone (an older file, a test fixture) still loads.
  cues: cuesSchema.optional(),
});

/**
 * Loads a weighted phrase list such as `lexicons/upset.yaml`, collecting every problem as
 * `file:line: message` (see `formatProblem`). On errors the lexicon is empty, never half-loaded.
 */
export async function loadLexicon(contentRoot: string, file: string = UPSET_LEXICON_FILE): Promise<{ lexicon: Lexicon; problems: ContentProblem[] }> {
  const empty = Object.fromEntries(LANGUAGES.map((language) => [language, []])) as unknown as Lexicon;
  let text: string;
  try {
    text = await readFile(path.join(contentRoot, file), 'utf8');
  } catch (error) {
    return { lexicon: empty, problems: [{ file, line: 1, severity: 'error', message: `cannot read the file (${(error as Error).message})` }] };
  }
  const { yaml, problems } = YamlFile.parse(file, text);
  if (problems.some((problem) => problem.severity === 'error')) return { lexicon: empty, problems };
  const result = yaml.validate(lexiconFileSchema);
  problems.push(...result.problems);
  const data = asRecord(yaml.data);
  for (const language of LANGUAGES) {
    // A phrase listed twice would be scored once anyway; the warning tells the editor which weight is unused.
    // Read from the raw entries, so a bad weight elsewhere does not hide the duplicate.
    const entries = Array.isArray(data[language]) ? (data[language] as unknown[]) : [];
    const seen = new Map<string, number>();
    entries.forEach((entry, index) => {
      const phrase = asRecord(entry).phrase;
      if (typeof phrase !== 'string') return;
      const key = phrase.trim().toLowerCase();
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else
        problems.push({
          file,
          line: yaml.lineOf([language, index, 'phrase']),
          severity: 'warning',
          message: `${language}[${index}] "${phrase.trim()}" is already at line ${yaml.lineOf([language, first, 'phrase'])}; keep one`,
        });
    });
  }
  if (!result.data) return { lexicon: empty, problems: sortProblems(problems) };
  const lexicon = Object.fromEntries(LANGUAGES.map((language) => [language, result.data[language]])) as unknown as Lexicon;
  if (result.data.cues) lexicon.cues = result.data.cues;
  return { lexicon, problems: sortProblems(problems) };
}
