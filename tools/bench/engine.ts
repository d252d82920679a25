import type { Language } from '../../core/index.js';
import type { LabelledRow } from './dataset.js';

export interface Prediction {
  intent: string;
  /** The engine's confidence in `intent`; the out-of-scope threshold applies to it. */
  confidence: number;
  /** Other confidences worth thresholding instead, by name (ours: the calibrated probability the bot's verdict uses). */
  alternatives?: Record<string, number>;
}

/** What the benchmark needs from an NLU engine. Each runs in its own child process, so its peak memory is its own. */
export interface Engine {
  /** What `Prediction.confidence` is, for the results table. */
  readonly confidenceName: string;
  /** `validation`: held-out rows an engine may use to calibrate (ours fits its temperature on them); peers ignore them. */
  train(rows: readonly LabelledRow[], validation: readonly LabelledRow[]): Promise<void>;
  classify(text: string): Prediction | Promise<Prediction>;
}

/**
 * Timed passes over the test texts; the one with the lowest p99 is reported. Other processes on a
 * shared 2-core machine preempt a 0.3 ms call often enough to own the 99th percentile of any one
 * pass; the quietest pass shows what the engine costs. Every engine gets the same treatment.
 */
export const TIMED_PASSES = 3;

export const ENGINE_NAMES = ['ours', 'natural-bayes', 'nlp-js'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** Loads only the engine asked for: NLP.js alone takes a few hundred megabytes. */
export async function createEngine(name: EngineName, language: Language): Promise<Engine> {
  switch (name) {
    case 'ours':
      return new (await import('./engine-ours.js')).OursEngine(language);
    case 'natural-bayes':
      return new (await import('./engine-natural-bayes.js')).NaturalBayesEngine();
    case 'nlp-js':
      return new (await import('./engine-nlp-js.js')).NlpJsEngine(language);
    default:
      return name satisfies never;
  }
}
