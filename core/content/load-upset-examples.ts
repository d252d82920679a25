import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../languages.js';
import { sortProblems, type ContentProblem } from './problem.js';
import { YamlFile } from './yaml-file.js';

export const UPSET_EXAMPLES_FOLDER = 'lexicons/upset-examples';

/**
 * Whole customer messages per language that show (upset) or do not show (calm) an upset customer:
 * training data for the learned upset signal. `calmIntents` names intents whose examples count as
 * calm too (routine questions), each with the line that names it.
 */
export type UpsetExamples = Record<Language, { upset: string[]; calm: string[]; calmIntents: { name: string; line: number }[] }>;

const message = z
  .string({ error: 'must be text' })
  .transform((text) => text.trim())
  .refine((text) => /[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(text), { error: 'must contain a word or an emoji' });
const messages = z.array(message, { error: 'must be a list of messages, one a line' });

const examplesFileSchema = (language: Language) =>
  z.strictObject({
    version: z.literal('1', { error: 'must be 1 (the only format version so far)' }),
    language: z.literal(language, { error: `must be ${language}, as the file name says` }),
    upset: messages,
    calm: messages,
    calm_intents: z.array(z.string({ error: 'must be an intent name' }), { error: 'must be a list of intent names, one a line' }).optional(),
  });

/**
 * Loads `lexicons/upset-examples/<language>.yaml` for every language, collecting every problem as
 * `file:line: message`. A missing file means no examples for that language (the learned signal is
 * then off for it, and the lexicon works alone); a broken one is an error, so a reload never trains
 * on half a file.
 */
export async function loadUpsetExamples(contentRoot: string): Promise<{ examples: UpsetExamples; problems: ContentProblem[] }> {
  const examples = Object.fromEntries(LANGUAGES.map((language) => [language, { upset: [], calm: [], calmIntents: [] }])) as unknown as UpsetExamples;
  const problems: ContentProblem[] = [];
  for (const language of LANGUAGES) {
    const file = `${UPSET_EXAMPLES_FOLDER}/${language}.yaml`;
    let text: string;
    try {
      text = await readFile(path.join(contentRoot, file), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      problems.push({ file, line: 1, severity: 'error', message: `cannot read the file (${(error as Error).message})` });
      continue;
    }
    const parsed = YamlFile.parse(file, text);
    problems.push(...parsed.problems);
    if (parsed.problems.some((problem) => problem.severity === 'error')) continue;
    const result = parsed.yaml.validate(examplesFileSchema(language));
    problems.push(...result.problems);
    if (!result.data) continue;
    const calmIntents = (result.data.calm_intents ?? []).map((name, index) => ({ name, line: parsed.yaml.lineOf(['calm_intents', index]) }));
    examples[language] = { upset: result.data.upset, calm: result.data.calm, calmIntents };
  }
  return { examples, problems: sortProblems(problems) };
}
