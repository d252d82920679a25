/** A sparse feature vector: ascending feature indices and their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export function sparseFromMap(weights: Map<number, number>): SparseVector {
  const indices = Int32Array.from(weights.keys()).sort();
  const values = new Float32Array(indices.length);
  indices.forEach((index, position) => (values[position] = weights.get(index) ?? 0));
  return { indices, values };
}

/** Dot product of two vectors whose indices are sorted ascending. */
export function sparseDot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.indices.length && j < b.indices.length) {
    const ai = a.indices[i]!;
    const bj = b.indices[j]!;
    if (ai === bj) sum += a.values[i++]! * b.values[j++]!;
    else if (ai < bj) i++;
    else j++;
  }
  return sum;
}
