import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../languages.js';
import { sortProblems, type ContentProblem } from './problem.js';
import { asRecord } from './as-record.js';
import { YamlFile } from './yaml-file.js';

export const MESSAGES_FILE = 'messages/bot.yaml';

/** Every sentence the bot says that is not an intent's answer, per language. Placeholders look like {area}. */
export type MessageCatalog = Record<string, Record<Language, string>>;

const messageText = z
  .string({ error: 'must be text' })
  .transform((text) => text.trim())
  .refine((text) => text.length > 0, { error: 'must not be empty' });

const messagesFileSchema = z.strictObject({
  version: z.literal('1', { error: 'must be 1 (the only format version so far)' }),
  messages: z.record(
    z.string().regex(/^[a-z][a-z0-9_]*$/, { error: 'message names are lowercase words joined by _' }),
    z.strictObject(Object.fromEntries(LANGUAGES.map((language) => [language, messageText])) as Record<Language, typeof messageText>, {
      error: `must have a text for every language (${LANGUAGES.join(', ')})`,
    }),
    { error: 'must map message names to texts' },
  ),
});

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

/** Loads messages/bot.yaml; `requiredKeys` are the messages the code will ask for. */
export async function loadMessages(
  contentRoot: string,
  requiredKeys: readonly string[] = [],
): Promise<{ messages: MessageCatalog; problems: ContentProblem[] }> {
  const file = MESSAGES_FILE;
  let text: string;
  try {
    text = await readFile(path.join(contentRoot, file), 'utf8');
  } catch (error) {
    return { messages: {}, problems: [{ file, line: 1, severity: 'error', message: `cannot read the file (${(error as Error).message})` }] };
  }
  const { yaml, problems } = YamlFile.parse(file, text);
  if (problems.some((problem) => problem.severity === 'error')) return { messages: {}, problems };
  const result = yaml.validate(messagesFileSchema);
  problems.push(...result.problems);
  // Checked on the raw texts, so a schema error in one message does not hide a missing or mismatched one.
  const raw = asRecord(asRecord(yaml.data).messages);
  for (const key of requiredKeys) {
    if (!(key in raw)) problems.push({ file, line: yaml.lineOf(['messages']), severity: 'error', message: `messages.${key} is missing; the bot needs it` });
  }
  for (const [key, value] of Object.entries(raw)) {
    const texts = asRecord(value);
    const first = texts[LANGUAGES[0]];
    if (typeof first !== 'string') continue;
    const expected = placeholders(first).join(', ');
    for (const language of LANGUAGES.slice(1)) {
      const other = texts[language];
      if (typeof other !== 'string') continue;
      const found = placeholders(other).join(', ');
      if (found !== expected) {
        problems.push({
          file,
          line: yaml.lineOf(['messages', key, language]),
          severity: 'error',
          message: `messages.${key}.${language} uses placeholders {${found}} but ${LANGUAGES[0]} uses {${expected}}; use the same in every language`,
        });
      }
    }
  }
  return { messages: (result.data?.messages ?? {}) as MessageCatalog, problems: sortProblems(problems) };
}
