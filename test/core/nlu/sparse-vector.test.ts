import { maxSparseDot, type SparseVector } from '../../../core/nlu/sparse-vector.js';

const vector = (entries: [number, number][]): SparseVector => ({
  indices: Int32Array.from(entries.map(([index]) => index)),
  values: Float32Array.from(entries.map(([, value]) => value)),
});

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
    expect(maxSparseDot(query, others, new Float32Array(8))).toBeCloseTo(0.75, 6);
  });

  test('leaves the scratch array zeroed, so the next query does not see this one', () => {
    const scratch = new Float32Array(8);
    maxSparseDot(query, others, scratch);
    expect(Array.from(scratch)).toEqual(new Array(8).fill(0));
    expect(maxSparseDot(vector([[2, 1]]), others, scratch)).toBe(1);
  });

  test('is 0 with nothing to compare with', () => {
    expect(maxSparseDot(query, [], new Float32Array(8))).toBe(0);
  });
});
