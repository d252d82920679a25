import fc from 'fast-check';
import { maxSparseDot, type SparseVector } from '../../../core/nlu/sparse-vector.js';

/** Registers this file's tests; ../core-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function nluSparseVector(): void {
  const vector = (entries: [number, number][]): SparseVector => ({
    indices: Int32Array.from(entries.map(([index]) => index)),
    values: Float32Array.from(entries.map(([, value]) => value)),
  });

  /** The plain scan maxSparseDot replaced: every example's features against the query scattered densely. */
  function scanMaxDot(query: SparseVector, others: readonly SparseVector[], dimension: number): number {
    const dense = new Float32Array(dimension);
    query.indices.forEach((index, k) => (dense[index] = query.values[k]!));
    let best = 0;
    for (const other of others) {
      let sum = 0;
      for (let k = 0; k < other.indices.length; k++) sum += dense[other.indices[k]!]! * other.values[k]!;
      if (sum > best) best = sum;
    }
    return best;
  }

  const DIMENSION = 40;
  const sparse = fc
    .uniqueArray(fc.integer({ min: 0, max: DIMENSION - 1 }), { maxLength: 12 })
    .chain((indices) =>
      fc.tuple(
        fc.constant(indices.sort((a, b) => a - b)),
        fc.array(fc.float({ min: -2, max: 2, noNaN: true }), { minLength: indices.length, maxLength: indices.length }),
      ),
    )
    .map(([indices, values]) => vector(indices.map((index, k) => [index, values[k]!])));

  describe('sparse vectors', () => {
    const query = vector([
      [1, 0.5],
      [4, 0.5],
    ]);
    const others = [
      vector([[1, 1]]),
      vector([
        [1, 0.5],
        [4, 1],
        [7, 3],
      ]),
      vector([[2, 1]]),
    ];

    test('finds the largest dot product of the query with any of the others', () => {
      expect(maxSparseDot(query, others)).toBeCloseTo(0.75, 6);
    });

    test('answers each query on its own when the same examples are asked again', () => {
      expect(maxSparseDot(query, others)).toBeCloseTo(0.75, 6);
      expect(maxSparseDot(vector([[2, 1]]), others)).toBe(1);
      expect(maxSparseDot(vector([[9, 1]]), others)).toBe(0);
    });

    test('is 0 with nothing to compare with', () => {
      expect(maxSparseDot(query, [])).toBe(0);
    });

    test('equals the plain scan over every example to the last bit', () => {
      fc.assert(
        fc.property(sparse, fc.array(sparse, { maxLength: 20 }), (q, examples) => {
          expect(Object.is(maxSparseDot(q, examples), scanMaxDot(q, examples, DIMENSION))).toBe(true);
        }),
      );
    });
  });
}
