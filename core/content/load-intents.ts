import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LANGUAGES } from '../languages.js';
import { intentFileSchema, toIntent, type Intent } from './intent-schema.js';
import type { ContentProblem } from './problem.js';
import { YamlFile } from './yaml-file.js';

export const INTENTS_FOLDER = 'intents';

export interface LoadIntentsOptions {
  /** Dialog names the code provides; an intent naming another dialog is an error. Omit to skip the check. */
  knownDialogs?: readonly string[];
}

export interface LoadedIntents {
  intents: Intent[];
  problems: ContentProblem[];
}

/** What a phrase is compared as when looking for duplicates: case, punctuation and spacing do not count. */
export function phraseKey(text: string): string {
  return text.toLowerCase().normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * Reads every `intents/*.yaml` under `contentRoot`, validates each, and checks them against each other.
 * Never throws for bad content: every problem is returned, located by file and line.
 */
export async function loadIntents(contentRoot: string, options: LoadIntentsOptions = {}): Promise<LoadedIntents> {
  const folder = path.join(contentRoot, INTENTS_FOLDER);
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch (error) {
    return { intents: [], problems: [{ file: INTENTS_FOLDER, line: 1, severity: 'error', message: `cannot read the intents folder (${(error as Error).message})` }] };
  }
  const problems: ContentProblem[] = [];
  const parsed: { intent: Intent; yaml: YamlFile }[] = [];
  for (const name of names) {
    const file = `${INTENTS_FOLDER}/${name}`;
    const text = await readFile(path.join(folder, name), 'utf8');
    const result = parseIntentFile(file, text, options);
    problems.push(...result.problems);
    if (result.intent && result.yaml) parsed.push({ intent: result.intent, yaml: result.yaml });
  }
  if (names.length === 0) {
    problems.push({ file: INTENTS_FOLDER, line: 1, severity: 'error', message: 'has no intent files; add one YAML file per intent' });
  }
  problems.push(...findConflicts(parsed));
  return { intents: parsed.map((entry) => entry.intent), problems };
}

export function parseIntentFile(
  file: string,
  text: string,
  options: LoadIntentsOptions = {},
): { intent?: Intent; yaml?: YamlFile; problems: ContentProblem[] } {
  const { yaml, problems } = YamlFile.parse(file, text);
  if (problems.some((problem) => problem.severity === 'error')) return { problems };
  const result = yaml.validate(intentFileSchema);
  if (!result.data) {
    problems.push(...result.problems);
    return { problems: problems.sort((a, b) => a.line - b.line) };
  }
  const intent = toIntent(result.data, file);
  const expectedName = path.basename(file).replace(/\.ya?ml$/, '');
  if (intent.name !== expectedName) {
    problems.push({ file, line: yaml.lineOf(['name']), severity: 'error', message: `name '${intent.name}' must match the file name '${expectedName}'` });
  }
  if (intent.dialog && options.knownDialogs && !options.knownDialogs.includes(intent.dialog)) {
    problems.push({
      file,
      line: yaml.lineOf(['dialog']),
      severity: 'error',
      message: `dialog '${intent.dialog}' does not exist; known dialogs: ${options.knownDialogs.join(', ')}`,
    });
  }
  for (const language of LANGUAGES) {
    const examples = new Map(intent.examples[language].map((example, index) => [phraseKey(example), index]));
    intent.tests[language].forEach((test, index) => {
      if (examples.has(phraseKey(test))) {
        problems.push({
          file,
          line: yaml.lineOf(['tests', language, index]),
          severity: 'error',
          message: `tests.${language}[${index}] "${test}" is also an example; test phrases must be held out, so reword or remove it`,
        });
      }
    });
  }
  return { intent, yaml, problems };
}

/** The same example in two intents teaches the classifier two answers for one question. */
function findConflicts(parsed: { intent: Intent; yaml: YamlFile }[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const language of LANGUAGES) {
    const seen = new Map<string, { intent: Intent; line: number }>();
    for (const { intent, yaml } of parsed) {
      const lines = yaml.itemLines(['examples', language]);
      intent.examples[language].forEach((example, index) => {
        const key = phraseKey(example);
        const line = lines[index] ?? 1;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, { intent, line });
        } else if (first.intent === intent) {
          problems.push({ file: intent.file, line, severity: 'warning', message: `example "${example}" appears twice in examples.${language} (also line ${first.line})` });
        } else {
          problems.push({
            file: intent.file,
            line,
            severity: 'error',
            message: `conflict: example "${example}" (${language}) is also in ${first.intent.file}:${first.line}; keep it in one intent`,
          });
        }
      });
    }
  }
  return problems;
}
