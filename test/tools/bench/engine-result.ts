import { ratiosToPeers, summariseRun, type EngineResult } from '../../../tools/bench/engine-result.js';
import type { EngineRun } from '../../../tools/bench/engine-worker.js';
import type { ScoredText } from '../../../tools/bench/oos-threshold.js';

/** Registers this file's tests; test/tools/bench-tools.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function benchEngineResultTests(): void {
  const item = (gold: string, predicted: string, confidence: number, alternative?: number): ScoredText => ({
    gold,
    predicted,
    confidence,
    ...(alternative === undefined ? {} : { alternatives: { probability: alternative } }),
  });

  const run: EngineRun = {
    confidenceName: 'in-scope score',
    trainMs: 1234.4,
    trainCpuMs: 1100.2,
    // On validation, 0.5 separates the out-of-scope texts from the correct answers.
    validation: [item('a', 'a', 0.9, 0.9), item('b', 'b', 0.8, 0.3), item('oos', 'a', 0.3, 0.95), item('oos', 'b', 0.2, 0.1)],
    // On test, 0.75 would be better; the benchmark must not look.
    test: [item('a', 'a', 0.9, 0.9), item('b', 'b', 0.6, 0.9), item('oos', 'a', 0.7, 0.2), item('oos', 'b', 0.1, 0.1)],
    latenciesMs: [1, 2, 3, 4],
    peakRssMb: 99.6,
  };

  describe('engine results', () => {
    test('chooses the threshold on validation and reports test at that threshold', () => {
      const [primary] = summariseRun('toy', 'oos-threshold', 'ours', run);
      expect(primary).toMatchObject({ confidence: 'in-scope score', primary: true, inScopeAccuracy: 100, oosRecall: 50, accuracyWithoutThreshold: 100 });
      expect(primary!.threshold).toBeGreaterThan(0.3);
      expect(primary!.threshold).toBeLessThan(0.8);
      expect(primary).toMatchObject({ trainMs: 1234, trainCpuMs: 1100, p50Ms: 2, p99Ms: 4, peakRssMb: 100 });
    });

    test('adds a row per alternative confidence, thresholded on its own validation scores', () => {
      const rows = summariseRun('toy', 'oos-threshold', 'ours', run);
      expect(rows.map((row) => [row.confidence, row.primary])).toEqual([
        ['in-scope score', true],
        ['probability', false],
      ]);
      // By the alternative, one out-of-scope validation text sits below every correct answer (0.1 < 0.3):
      // the threshold goes between them, whatever the test texts score.
      expect(rows[1]).toMatchObject({ threshold: 0.2, inScopeAccuracy: 100, oosRecall: 50 });
    });

    test('divides ours by each peer on the same scheme, primary rows only', () => {
      const row = (engine: EngineResult['engine'], primary: boolean, inScopeAccuracy: number, trainMs: number): EngineResult => ({
        dataset: 'toy',
        scheme: 'oos-threshold',
        engine,
        confidence: 'c',
        primary,
        inScopeAccuracy,
        oosRecall: 50,
        threshold: 0.5,
        accuracyWithoutThreshold: inScopeAccuracy,
        trainMs,
        trainCpuMs: trainMs,
        p50Ms: 1,
        p99Ms: 2,
        peakRssMb: 100,
      });
      const ratios = ratiosToPeers([row('ours', true, 90, 1000), row('ours', false, 10, 1), row('natural-bayes', true, 80, 4000)]);
      expect(ratios).toEqual([
        { scheme: 'oos-threshold', peer: 'natural-bayes', inScopeAccuracy: 1.125, oosRecall: 1, trainMs: 0.25, p50Ms: 1, p99Ms: 1, peakRssMb: 1 },
      ]);
    });
  });
}
