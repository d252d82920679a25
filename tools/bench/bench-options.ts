import path from 'node:path';
import { parseArgs } from 'node:util';
import { LANGUAGES, type Language } from '../../core/index.js';

export interface BenchOptions {
  dataPath: string;
  datasetName: string;
  /** `--only ours`: our engine alone, no peers and no end-to-end part. */
  onlyOurs: boolean;
  /** `--only journal`: only what fsync and group commit cost the handoff journal (no NLU, no bot). */
  onlyJournal: boolean;
  language: Language;
}

export const DEFAULT_DATASET = 'tools/bench/data/clinc150/data_full.json';
export const CLINC150_NAME = 'clinc150-full';

export const USAGE = 'usage: npm run bench -- [--data path.json] [--only ours|journal] [--language en|fi]';

/**
 * Reads `--data`, `--only ours|journal` and `--language`; throws a one-line problem plus usage on anything else.
 * A relative `--data` path is taken from `workingDir` (npm sets INIT_CWD to where `npm run` was typed);
 * without `--data`, CLINC150 from the project.
 */
export function parseBenchOptions(argv: readonly string[], projectRoot: string, workingDir: string = projectRoot): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { data: { type: 'string' }, only: { type: 'string' }, language: { type: 'string', default: 'en' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.only !== undefined && values.only !== 'ours' && values.only !== 'journal')
    throw new Error(`--only accepts "ours" or "journal", not "${values.only}"\n${USAGE}`);
  if (values.data !== undefined && values.data.trim() === '') throw new Error(`--data needs the path of a JSON file\n${USAGE}`);
  const language = values.language as Language;
  if (!LANGUAGES.includes(language)) throw new Error(`--language must be one of ${LANGUAGES.join(', ')}\n${USAGE}`);
  const clinc150 = path.resolve(projectRoot, DEFAULT_DATASET);
  const dataPath = values.data === undefined ? clinc150 : path.resolve(workingDir, values.data);
  const datasetName = dataPath === clinc150 ? CLINC150_NAME : path.basename(dataPath, path.extname(dataPath));
  return { dataPath, datasetName, onlyOurs: values.only === 'ours', onlyJournal: values.only === 'journal', language };
}
