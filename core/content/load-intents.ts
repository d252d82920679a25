import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LANGUAGES, type Language } from '../languages.js';
import { intentFileSchema, toIntent, type Intent } from './intent-schema.js';
import { sortProblems, type ContentProblem } from './problem.js';
import { asRecord } from './as-record.js';
import { YamlFile } from './yaml-file.js';

export const INTENTS_FOLDER = 'intents';

export interface LoadIntentsOptions {
  /** Dialog names the code provides; an intent naming another dialog is an error. Omit to skip the check. */
  knownDialogs?: readonly string[];
  /**
   * Texts to check in place of files on disk, by path under the content root ("intents/help.yaml"), so
   * a change can be checked with everything else before it is written.
   */
  replace?: ReadonlyMap<string, string>;
}

export interface LoadedIntents {
  intents: Intent[];
  problems: ContentProblem[];
}

/** What a phrase is compared as when looking for duplicates: case, punctuation and spacing do not count. */
export function phraseKey(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
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
    return {
      intents: [],
      problems: [{ file: INTENTS_FOLDER, line: 1, severity: 'error', message: `cannot read the intents folder (${(error as Error).message})` }],
    };
  }
  const problems: ContentProblem[] = [];
  const intents: Intent[] = [];
  const checked: IntentFacts[] = [];
  for (const name of names) {
    const file = `${INTENTS_FOLDER}/${name}`;
    let text: string;
    try {
      text = options.replace?.get(file) ?? (await readFile(path.join(folder, name), 'utf8'));
    } catch (error) {
      problems.push({ file, line: 1, severity: 'error', message: `cannot read the file (${(error as Error).message})` });
      continue;
    }
    const result = parseIntentFile(file, text, options);
    problems.push(...result.problems);
    if (result.intent) intents.push(result.intent);
    if (result.facts) checked.push(result.facts);
  }
  if (names.length === 0) {
    problems.push({ file: INTENTS_FOLDER, line: 1, severity: 'error', message: 'has no intent files; add one YAML file per intent' });
  }
  problems.push(...findConflicts(checked));
  return { intents, problems: sortProblems(problems) };
}

/**
 * Checks one intent file. A file with YAML errors reports those alone (its data cannot be trusted);
 * a file with schema errors is still checked for its name, dialog and held-out tests, and returns its
 * `facts` so the cross-file checks see its examples: one mistake must not hide another.
 */
export function parseIntentFile(
  file: string,
  text: string,
  options: LoadIntentsOptions = {},
): { intent?: Intent; facts?: IntentFacts; problems: ContentProblem[] } {
  const { yaml, problems } = YamlFile.parse(file, text);
  if (problems.some((problem) => problem.severity === 'error')) return { problems };
  const result = yaml.validate(intentFileSchema);
  problems.push(...result.problems);
  const facts = readFacts(file, yaml);
  const expectedName = path.basename(file).replace(/\.ya?ml$/, '');
  if (facts.name !== undefined && NAME.test(facts.name) && facts.name !== expectedName) {
    problems.push({ file, line: yaml.lineOf(['name']), severity: 'error', message: `name '${facts.name}' must match the file name '${expectedName}'` });
  }
  if (facts.dialog !== undefined && NAME.test(facts.dialog) && options.knownDialogs && !options.knownDialogs.includes(facts.dialog)) {
    problems.push({
      file,
      line: yaml.lineOf(['dialog']),
      severity: 'error',
      message: `dialog '${facts.dialog}' does not exist; known dialogs: ${options.knownDialogs.join(', ')}`,
    });
  }
  for (const language of LANGUAGES) {
    const examples = new Set(facts.examples[language].flatMap((example) => (example === undefined ? [] : [phraseKey(example)])));
    facts.tests[language].forEach((test, index) => {
      if (test !== undefined && examples.has(phraseKey(test))) {
        problems.push({
          file,
          line: yaml.lineOf(['tests', language, index]),
          severity: 'error',
          message: `tests.${language}[${index}] "${test.trim()}" is also an example; test phrases must be held out, so reword or remove it`,
        });
      }
    });
  }
  return { intent: result.data ? toIntent(result.data, file) : undefined, facts, problems: sortProblems(problems) };
}

const NAME = /^[a-z][a-z0-9_]*$/;

/** What the checks across files need of an intent, read leniently so a file with schema errors still takes part. */
export interface IntentFacts {
  file: string;
  yaml: YamlFile;
  name: string | undefined;
  dialog: string | undefined;
  /** Phrases by position in the file; undefined where an item is not text. */
  examples: Record<Language, (string | undefined)[]>;
  tests: Record<Language, (string | undefined)[]>;
}

function readFacts(file: string, yaml: YamlFile): IntentFacts {
  const data = asRecord(yaml.data);
  const phrases = (value: unknown) => {
    const lists = asRecord(value);
    return Object.fromEntries(
      LANGUAGES.map((language) => {
        const list = lists[language];
        return [language, Array.isArray(list) ? list.map((item) => (typeof item === 'string' && item.trim() ? item : undefined)) : []];
      }),
    ) as Record<Language, (string | undefined)[]>;
  };
  return {
    file,
    yaml,
    name: typeof data.name === 'string' ? data.name : undefined,
    dialog: typeof data.dialog === 'string' ? data.dialog : undefined,
    examples: phrases(data.examples),
    tests: phrases(data.tests),
  };
}

/** The same example in two intents teaches the classifier two answers for one question. */
function findConflicts(checked: IntentFacts[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const language of LANGUAGES) {
    const seen = new Map<string, { file: string; line: number }>();
    for (const { file, yaml, examples } of checked) {
      const lines = yaml.itemLines(['examples', language]);
      examples[language].forEach((raw, index) => {
        if (raw === undefined) return;
        const example = raw.trim();
        const key = phraseKey(example);
        const line = lines[index] ?? 1;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, { file, line });
        } else if (first.file === file) {
          problems.push({ file, line, severity: 'warning', message: `example "${example}" appears twice in examples.${language} (also line ${first.line})` });
        } else {
          problems.push({
            file,
            line,
            severity: 'error',
            message: `conflict: example "${example}" (${language}) is also in ${first.file}:${first.line}; keep it in one intent`,
          });
        }
      });
    }
  }
  return problems;
}
