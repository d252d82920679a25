import type { EndToEndResult } from './end-to-end.js';
import type { EngineResult, Ratio } from './engine-result.js';
import type { TargetCheck } from './targets.js';

/** Everything one `npm run bench` measured; written as tools/bench/results/latest.json. */
export interface BenchResults {
  generatedAt: string;
  /** `loadAverage`: the 1-minute load average when the run started and ended; above the CPU count, other work shared the cores. */
  machine: { cpus: number; cpuModel: string; node: string; platform: string; loadAverage: { atStart: number; atEnd: number } };
  dataset: { name: string; path: string; train: number; val: number; test: number; oosTrain: number; oosVal: number; oosTest: number };
  units: Record<string, string>;
  engines: EngineResult[];
  ratios: Ratio[];
  endToEnd: EndToEndResult | null;
  targets: TargetCheck[];
}

export const UNITS = {
  inScopeAccuracy: 'percent of in-scope test texts',
  oosRecall: 'percent of out-of-scope test texts',
  threshold: "the engine's own confidence scale",
  trainMs: 'milliseconds, wall clock, including calibration',
  trainCpuMs: 'milliseconds of CPU time (all threads of the process) during training',
  p50Ms: 'milliseconds per message',
  p99Ms: 'milliseconds per message',
  peakRssMb: 'MiB, peak resident memory of the process',
  turnsPerSecond: 'completed turns per second',
  botCpuMsPerTurn: 'milliseconds of CPU time (user + system) of the bot process(es) per answered turn',
  databaseCpuMsPerTurn: 'milliseconds of CPU time (user + system) of the PostgreSQL server processes per answered turn (--store postgres)',
};
