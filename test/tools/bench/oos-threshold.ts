import { chooseThreshold, evaluateAt, type ScoredText } from '../../../tools/bench/oos-threshold.js';

/** Registers this file's tests; test/tools/bench-tools.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function benchOosThresholdTests(): void {
  const item = (gold: string, predicted: string, confidence: number): ScoredText => ({ gold, predicted, confidence });

  describe('out-of-scope threshold', () => {
    test('counts a rejected in-scope text as wrong and a rejected out-of-scope text as caught', () => {
      const scored = [item('a', 'a', 0.9), item('b', 'b', 0.2), item('oos', 'a', 0.3), item('oos', 'b', 0.8)];
      expect(evaluateAt(scored, 0.5)).toEqual({ inScopeAccuracy: 0.5, oosRecall: 0.5 });
    });

    test('a predicted oos class is a rejection at any threshold', () => {
      expect(evaluateAt([item('oos', 'oos', 0.99)], 0).oosRecall).toBe(1);
    });

    test('chooses the threshold that gets the most validation texts right', () => {
      const validation = [item('a', 'a', 0.9), item('a', 'a', 0.7), item('oos', 'a', 0.4), item('oos', 'a', 0.5), item('a', 'b', 0.3)];
      const threshold = chooseThreshold(validation);
      expect(threshold).toBeGreaterThan(0.5);
      expect(threshold).toBeLessThan(0.7);
    });

    test('rejects nothing when validation has no out-of-scope texts', () => {
      expect(chooseThreshold([item('a', 'a', 0.1), item('a', 'b', 0.05)])).toBe(0);
    });

    test('of equally good thresholds, takes the lowest: an in-scope text is not rejected without need', () => {
      // Rejecting the wrong answer at 0.5 neither gains nor loses: 0.35 and 0.7 score alike.
      const validation = [item('a', 'a', 0.9), item('oos', 'a', 0.2), item('a', 'b', 0.5)];
      expect(chooseThreshold(validation)).toBeCloseTo(0.35, 10);
    });

    test('texts the engine itself put in the oos class count as caught at any threshold and do not move it', () => {
      const validation = [item('a', 'a', 0.9), item('oos', 'oos', 0.95), item('oos', 'a', 0.1)];
      const threshold = chooseThreshold(validation);
      expect(threshold).toBeGreaterThan(0.1);
      expect(threshold).toBeLessThan(0.9);
      expect(evaluateAt(validation, threshold)).toEqual({ inScopeAccuracy: 1, oosRecall: 1 });
    });

    test('has no recall to report without out-of-scope texts', () => {
      expect(evaluateAt([item('a', 'a', 0.9)], 0.5)).toEqual({ inScopeAccuracy: 1, oosRecall: null });
    });
  });
}
