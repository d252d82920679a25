// Child-process entry: trains one engine on one scheme and sends its predictions and timings to the parent.
import { performance } from 'node:perf_hooks';
import { LANGUAGES, type Language } from '../../core/index.js';
import { loadDataset, SCHEMES, trainingRows, type LabelledRow, type Scheme } from './dataset.js';
import { createEngine, ENGINE_NAMES, TIMED_PASSES, type Engine, type EngineName } from './engine.js';
import type { ScoredText } from './oos-threshold.js';
import { percentile } from './percentile.js';

export interface EngineJob {
  engine: EngineName;
  scheme: Scheme;
  dataPath: string;
  datasetName: string;
  language: Language;
}

export interface EngineRun {
  confidenceName: string;
  trainMs: number;
  /** CPU time of the process during training (all its threads): what training costs when the cores are shared. */
  trainCpuMs: number;
  validation: ScoredText[];
  test: ScoredText[];
  /** Per-message classification time over the test texts, after the validation texts warmed the engine up: the quietest of `TIMED_PASSES`. */
  latenciesMs: number[];
  peakRssMb: number;
}

async function score(engine: Engine, rows: readonly LabelledRow[], latencies?: number[]): Promise<ScoredText[]> {
  const scored: ScoredText[] = [];
  for (const row of rows) {
    const started = performance.now();
    const prediction = await engine.classify(row.text);
    latencies?.push(performance.now() - started);
    scored.push({
      gold: row.intent,
      predicted: prediction.intent,
      confidence: prediction.confidence,
      ...(prediction.alternatives ? { alternatives: prediction.alternatives } : {}),
    });
  }
  return scored;
}

async function main(job: EngineJob): Promise<EngineRun> {
  if (!ENGINE_NAMES.includes(job.engine) || !SCHEMES.includes(job.scheme) || !LANGUAGES.includes(job.language)) {
    throw new Error(`engine-worker: bad job ${JSON.stringify(job)}`);
  }
  const dataset = await loadDataset(job.dataPath, job.datasetName);
  const engine = await createEngine(job.engine, job.language);
  const validationRows = [...dataset.val, ...dataset.oosVal];
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await engine.train(trainingRows(dataset, job.scheme), validationRows);
  const trainMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const trainCpuMs = (cpu.user + cpu.system) / 1000;
  const validation = await score(engine, validationRows);
  const testRows = [...dataset.test, ...dataset.oosTest];
  let latenciesMs: number[] = [];
  let test: ScoredText[] = [];
  for (let pass = 0; pass < TIMED_PASSES; pass++) {
    const latencies: number[] = [];
    const scored = await score(engine, testRows, latencies);
    if (pass === 0) test = scored;
    if (pass === 0 || percentile(latencies, 99) < percentile(latenciesMs, 99)) latenciesMs = latencies;
  }
  return { confidenceName: engine.confidenceName, trainMs, trainCpuMs, validation, test, latenciesMs, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

const job = JSON.parse(process.argv[2] ?? '{}') as EngineJob;
main(job).then(
  (run) => process.send!(run, () => process.exit(0)),
  (error: unknown) => {
    process.stderr.write(`engine-worker (${job.engine}, ${job.scheme}): ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
