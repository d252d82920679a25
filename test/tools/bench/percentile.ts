import { percentile } from '../../../tools/bench/percentile.js';

/** Registers this file's tests; test/tools/bench-tools.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function benchPercentileTests(): void {
  describe('percentile', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);

    test('takes the nearest rank: p50 of 1..100 is 50 and p99 is 99, whatever the order', () => {
      expect(percentile(hundred, 50)).toBe(50);
      expect(percentile(hundred, 99)).toBe(99);
    });

    test('p0 is the smallest value and p100 the largest', () => {
      expect(percentile([3, 1, 2], 0)).toBe(1);
      expect(percentile([3, 1, 2], 100)).toBe(3);
    });

    test('p99 of fewer than 100 values is the largest', () => {
      expect(percentile([5, 1, 9, 2], 99)).toBe(9);
    });

    test('leaves the measured values in their order', () => {
      const values = [3, 1, 2];
      percentile(values, 50);
      expect(values).toEqual([3, 1, 2]);
    });

    test('is NaN without values, so an empty run cannot pass for 0 ms', () => {
      expect(percentile([], 50)).toBeNaN();
    });
  });
}
