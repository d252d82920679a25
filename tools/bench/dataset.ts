import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** The label CLINC150 gives out-of-scope rows; the benchmark treats predicting it as rejecting the text. */
export const OOS_LABEL = 'oos';

/** Problems listed before "and N more": a file with a systematic mistake would otherwise print thousands of lines. */
const MAX_PROBLEMS = 10;

const text = (what: string) =>
  z
    .string({ error: `the ${what} must be a string` })
    .trim()
    .min(1, { error: `the ${what} is empty` });
const row = z.tuple([text('text'), text('intent')], { error: 'must be a pair [text, intent]' });
const rows = z.array(row, { error: (issue) => (issue.input === undefined ? 'is missing' : 'must be a list of [text, intent] pairs') });
const datasetSchema = z.object(
  {
    train: rows.min(1, { error: 'has no rows' }),
    val: rows,
    test: rows.min(1, { error: 'has no rows' }),
    oos_train: rows.optional(),
    oos_val: rows.optional(),
    oos_test: rows.optional(),
  },
  { error: 'must be an object with train, val and test' },
);
type RawDataset = z.infer<typeof datasetSchema>;

export interface LabelledRow {
  text: string;
  intent: string;
}

export interface Dataset {
  name: string;
  train: LabelledRow[];
  val: LabelledRow[];
  test: LabelledRow[];
  oosTrain: LabelledRow[];
  oosVal: LabelledRow[];
  oosTest: LabelledRow[];
}

export const SCHEMES = ['oos-threshold', 'oos-train'] as const;
/** The two evaluation schemes of Larson et al. 2019: out-of-scope by threshold only, or also as a trained class. */
export type Scheme = (typeof SCHEMES)[number];

/** A data file that cannot be benchmarked; the message names the file and every place at fault. */
export class DatasetError extends Error {
  override name = 'DatasetError';
}

/**
 * Reads a data set in the CLINC150 `data_full.json` shape: `{ train, val, test, oos_train?, oos_val?, oos_test? }`,
 * each a list of `[text, intent]`. Throws a `DatasetError` naming the file and each bad place, e.g.
 * `data.json: train[3][1]: the intent is empty`.
 */
export async function loadDataset(path: string, name: string): Promise<Dataset> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (error) {
    throw new DatasetError(`${path}: cannot read the data file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    throw new DatasetError(`${path}${position ? `:${lineAndColumn(source, Number(position[1]))}` : ''}: not valid JSON: ${message}`);
  }
  return parseDataset(json, path, name);
}

/** Checks parsed JSON against the CLINC150 shape; `path` only names the file in errors. */
export function parseDataset(json: unknown, path: string, name: string): Dataset {
  const parsed = datasetSchema.safeParse(json);
  const problems = parsed.success ? labelProblems(parsed.data) : parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS).map((problem) => `  ${path}: ${problem}`);
    if (problems.length > MAX_PROBLEMS) shown.push(`  ... and ${problems.length - MAX_PROBLEMS} more`);
    throw new DatasetError(
      `${path} is not in the CLINC150 shape ({ train, val, test, oos_train?, oos_val?, oos_test? }, each a list of [text, intent]):\n${shown.join('\n')}`,
    );
  }
  const data = parsed.data!;
  const toRows = (list: [string, string][] | undefined) => (list ?? []).map(([text, intent]) => ({ text, intent }));
  return {
    name,
    train: toRows(data.train),
    val: toRows(data.val),
    test: toRows(data.test),
    oosTrain: toRows(data.oos_train),
    oosVal: toRows(data.oos_val),
    oosTest: toRows(data.oos_test),
  };
}

/**
 * `oos` belongs in the oos_* lists only: in `train` it would make the oos-threshold scheme train an
 * out-of-scope class after all. An intent tested but never trained can never be predicted, which
 * would silently cap the accuracy.
 */
function labelProblems(data: RawDataset): string[] {
  const problems: string[] = [];
  const trained = new Set(data.train.map(([, intent]) => intent));
  for (const key of ['train', 'val', 'test'] as const) {
    data[key].forEach(([, intent], index) => {
      if (intent === OOS_LABEL) problems.push(`${key}[${index}][1]: '${OOS_LABEL}' marks out-of-scope rows; put them in oos_${key}`);
      else if (key !== 'train' && !trained.has(intent)) problems.push(`${key}[${index}][1]: intent '${intent}' has no rows in train`);
    });
  }
  for (const key of ['oos_train', 'oos_val', 'oos_test'] as const) {
    (data[key] ?? []).forEach(([, intent], index) => {
      if (intent !== OOS_LABEL) problems.push(`${key}[${index}][1]: out-of-scope rows carry the intent '${OOS_LABEL}', not '${intent}'`);
    });
  }
  return problems;
}

function lineAndColumn(source: string, position: number): string {
  const before = source.slice(0, position).split('\n');
  return `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${String(part)}`)).join('');
}

/** The schemes a data set supports: oos-train needs `oos_train`. */
export function schemesFor(dataset: Dataset): Scheme[] {
  return SCHEMES.filter((scheme) => scheme !== 'oos-train' || dataset.oosTrain.length > 0);
}

/** Training rows of a scheme: in oos-train, the out-of-scope examples are one more class. */
export function trainingRows(dataset: Dataset, scheme: Scheme): LabelledRow[] {
  switch (scheme) {
    case 'oos-threshold':
      return dataset.train;
    case 'oos-train':
      return [...dataset.train, ...dataset.oosTrain];
    default:
      return scheme satisfies never;
  }
}
