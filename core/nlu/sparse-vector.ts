/** A sparse feature vector: ascending feature indices and their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/**
 * The largest dot product of `query` with any of `others`. The query is scattered into `scratch`
 * (a zeroed dense array of the feature dimension, zeroed again before returning), so each other
 * vector costs one lookup per feature instead of a merge of two index lists.
 */
export function maxSparseDot(query: SparseVector, others: readonly SparseVector[], scratch: Float32Array): number {
  for (let k = 0; k < query.indices.length; k++) scratch[query.indices[k]!] = query.values[k]!;
  let best = 0;
  for (const other of others) {
    let sum = 0;
    for (let k = 0; k < other.indices.length; k++) sum += scratch[other.indices[k]!]! * other.values[k]!;
    if (sum > best) best = sum;
  }
  for (let k = 0; k < query.indices.length; k++) scratch[query.indices[k]!] = 0;
  return best;
}
