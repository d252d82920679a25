import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchStore } from './bench-options.js';
import type { EndToEndResult } from './end-to-end.js';

/** Where `npm run bench` writes its results (tools/bench/results/). */
export const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'results');

/** One result file per configuration, so a PostgreSQL run never overwrites the file store's figures. */
export function endToEndResultName(store: BenchStore, instances: number): string {
  return store === 'files' ? 'end-to-end' : `end-to-end-${store}-x${instances}`;
}

/** The end-to-end part of a results file (`name` without `.json`); throws when it cannot be read. */
export async function readEndToEnd(name: string): Promise<EndToEndResult> {
  return (JSON.parse(await readFile(path.join(RESULTS_DIR, `${name}.json`), 'utf8')) as { endToEnd: EndToEndResult }).endToEnd;
}
