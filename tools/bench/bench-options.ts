import path from 'node:path';
import { parseArgs } from 'node:util';
import { LANGUAGES, type Language } from '../../core/index.js';

export const STORES = ['files', 'postgres'] as const;
export type BenchStore = (typeof STORES)[number];

export interface BenchOptions {
  dataPath: string;
  datasetName: string;
  /** `--only ours`: our engine alone, no peers and no end-to-end part. */
  onlyOurs: boolean;
  /** `--only journal`: only what fsync and group commit cost the handoff journal (no NLU, no bot). */
  onlyJournal: boolean;
  /** `--only e2e`: only the bot end to end, no NLU engines. */
  onlyEndToEnd: boolean;
  /** `--quick`: shorter warm-up and load per concurrency level (a smoke run; the numbers are noisier). */
  quick: boolean;
  /** `--store`: the store the bot end to end keeps its data in. */
  store: BenchStore;
  /** `--instances`: bot processes sharing one store, the load spread round-robin over them. */
  instances: number;
  language: Language;
}

export const DEFAULT_DATASET = 'tools/bench/data/clinc150/data_full.json';
export const CLINC150_NAME = 'clinc150-full';
const MAX_INSTANCES = 16;

export const USAGE =
  'usage: npm run bench -- [--data path.json] [--only ours|journal|e2e] [--language en|fi] [--quick] [--store files|postgres] [--instances N]';

/**
 * Reads the flags; throws a one-line problem plus usage on anything else, and on combinations that
 * cannot be measured honestly: several bot processes on the file store (one process owns DATA_DIR,
 * the others would refuse to start), or end-to-end flags with a run that has no end-to-end part.
 * A relative `--data` path is taken from `workingDir` (npm sets INIT_CWD to where `npm run` was typed);
 * without `--data`, CLINC150 from the project.
 */
export function parseBenchOptions(argv: readonly string[], projectRoot: string, workingDir: string = projectRoot): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        data: { type: 'string' },
        only: { type: 'string' },
        language: { type: 'string', default: 'en' },
        quick: { type: 'boolean', default: false },
        store: { type: 'string', default: 'files' },
        instances: { type: 'string', default: '1' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`);
  }
  const fail = (problem: string) => new Error(`${problem}\n${USAGE}`);
  if (values.only !== undefined && !['ours', 'journal', 'e2e'].includes(values.only))
    throw fail(`--only accepts "ours", "journal" or "e2e", not "${values.only}"`);
  if (values.data !== undefined && values.data.trim() === '') throw fail('--data needs the path of a JSON file');
  const language = values.language as Language;
  if (!LANGUAGES.includes(language)) throw fail(`--language must be one of ${LANGUAGES.join(', ')}`);
  const store = values.store as BenchStore;
  if (!STORES.includes(store)) throw fail(`--store accepts "files" or "postgres", not "${values.store}"`);
  if (!/^\d+$/.test(values.instances) || Number(values.instances) < 1 || Number(values.instances) > MAX_INSTANCES) {
    throw fail(`--instances must be a whole number from 1 to ${MAX_INSTANCES}, not "${values.instances}"`);
  }
  const instances = Number(values.instances);
  if (store === 'files' && instances > 1) {
    throw fail(`--instances ${instances} needs --store postgres: one bot process owns DATA_DIR (the file store), so a second one would not start`);
  }
  const endToEndFlags = argv.some((arg) => /^--(quick|store|instances)(=|$)/.test(arg));
  if (endToEndFlags && (values.only === 'ours' || values.only === 'journal'))
    throw fail(`--quick, --store and --instances are for the bot end to end; --only ${values.only} runs none`);
  const clinc150 = path.resolve(projectRoot, DEFAULT_DATASET);
  const dataPath = values.data === undefined ? clinc150 : path.resolve(workingDir, values.data);
  const datasetName = dataPath === clinc150 ? CLINC150_NAME : path.basename(dataPath, path.extname(dataPath));
  return {
    dataPath,
    datasetName,
    onlyOurs: values.only === 'ours',
    onlyJournal: values.only === 'journal',
    onlyEndToEnd: values.only === 'e2e',
    quick: values.quick,
    store,
    instances,
    language,
  };
}
