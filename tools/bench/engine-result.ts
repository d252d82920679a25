import type { Scheme } from './dataset.js';
import type { EngineName } from './engine.js';
import type { EngineRun } from './engine-worker.js';
import { chooseThreshold, evaluateAt, type ScoredText } from './oos-threshold.js';
import { percentile } from './percentile.js';

/** One engine on one scheme. Accuracy and recall are percentages; recall is null without out-of-scope test texts. */
export interface EngineResult {
  dataset: string;
  scheme: Scheme;
  engine: EngineName;
  /** What the threshold applies to. Ours has a second row thresholding the calibrated probability, for comparison. */
  confidence: string;
  /** False for such comparison rows; ratios and targets use the primary row. */
  primary: boolean;
  inScopeAccuracy: number;
  oosRecall: number | null;
  /** The confidence threshold chosen on the validation texts. */
  threshold: number;
  /** In-scope accuracy with no threshold at all (the classifier alone). */
  accuracyWithoutThreshold: number;
  trainMs: number;
  trainCpuMs: number;
  p50Ms: number;
  p99Ms: number;
  peakRssMb: number;
}

/**
 * Chooses the threshold on the run's validation texts and scores its test texts with it; one row
 * for the engine's confidence and one per alternative confidence it reported.
 */
export function summariseRun(dataset: string, scheme: Scheme, engine: EngineName, run: EngineRun): EngineResult[] {
  const names = Object.keys(run.test[0]?.alternatives ?? {});
  const rescored = (texts: readonly ScoredText[], name: string) => texts.map((text) => ({ ...text, confidence: text.alternatives?.[name] ?? 0 }));
  return [
    summarise(dataset, scheme, engine, run, run.confidenceName, true, run.validation, run.test),
    ...names.map((name) => summarise(dataset, scheme, engine, run, name, false, rescored(run.validation, name), rescored(run.test, name))),
  ];
}

function summarise(
  dataset: string,
  scheme: Scheme,
  engine: EngineName,
  run: EngineRun,
  confidence: string,
  primary: boolean,
  validation: readonly ScoredText[],
  test: readonly ScoredText[],
): EngineResult {
  const threshold = chooseThreshold(validation);
  const atThreshold = evaluateAt(test, threshold);
  const percent = (value: number) => Math.round(value * 10_000) / 100;
  return {
    dataset,
    scheme,
    engine,
    confidence,
    primary,
    inScopeAccuracy: percent(atThreshold.inScopeAccuracy),
    oosRecall: atThreshold.oosRecall === null ? null : percent(atThreshold.oosRecall),
    threshold,
    accuracyWithoutThreshold: percent(evaluateAt(test, -Infinity).inScopeAccuracy),
    trainMs: Math.round(run.trainMs),
    trainCpuMs: Math.round(run.trainCpuMs),
    p50Ms: percentile(run.latenciesMs, 50),
    p99Ms: percentile(run.latenciesMs, 99),
    peakRssMb: Math.round(run.peakRssMb),
  };
}

export interface Ratio {
  scheme: Scheme;
  peer: EngineName;
  /** ours ÷ peer for each figure; above 1 is better for accuracy and recall, below 1 for time and memory. */
  inScopeAccuracy: number;
  oosRecall: number | null;
  trainMs: number;
  p50Ms: number;
  p99Ms: number;
  peakRssMb: number;
}

export function ratiosToPeers(results: readonly EngineResult[]): Ratio[] {
  const ratios: Ratio[] = [];
  for (const ours of results.filter((result) => result.engine === 'ours' && result.primary)) {
    for (const peer of results.filter((result) => result.scheme === ours.scheme && result.engine !== 'ours' && result.primary)) {
      const ratio = (a: number, b: number) => (b === 0 ? Infinity : a / b);
      ratios.push({
        scheme: ours.scheme,
        peer: peer.engine,
        inScopeAccuracy: ratio(ours.inScopeAccuracy, peer.inScopeAccuracy),
        oosRecall: ours.oosRecall === null || peer.oosRecall === null ? null : ratio(ours.oosRecall, peer.oosRecall),
        trainMs: ratio(ours.trainMs, peer.trainMs),
        p50Ms: ratio(ours.p50Ms, peer.p50Ms),
        p99Ms: ratio(ours.p99Ms, peer.p99Ms),
        peakRssMb: ratio(ours.peakRssMb, peer.peakRssMb),
      });
    }
  }
  return ratios;
}
