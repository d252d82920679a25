/** A sparse feature vector: ascending feature indices and their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/**
 * For each feature, the examples that have it and their values there, packed into typed arrays:
 * feature `f`'s postings are positions `starts[f]` to `starts[f + 1]` of `examples` and `values`.
 * Looked up by array index, not a Map: `maxSparseDot` runs for the intent model and the upset model
 * on every turn, and the lookups and the boxed lists were most of its cost.
 */
interface FeatureIndex {
  starts: Int32Array;
  examples: Int32Array;
  /** The examples' float32 values, widened exactly. */
  values: Float64Array;
  /** One sum per example, zeroed before each query; reused, so a query allocates nothing. */
  sums: Float64Array;
}

/** Built once per example list (the trained model's lists never change) and dropped with it. */
const featureIndexes = new WeakMap<readonly SparseVector[], FeatureIndex>();

/**
 * The largest dot product of `query` with any of `others`. Walks an index from each feature to the
 * examples that have it, so only the examples sharing a feature with the query are touched: scanning
 * every example's features was the largest self-time frame of a FAQ turn under load (9 % of the CPU),
 * most of it lookups of features the query does not have. Each example's products are still summed
 * in ascending feature order, so the result is the same to the last bit as the plain scan.
 */
export function maxSparseDot(query: SparseVector, others: readonly SparseVector[]): number {
  let index = featureIndexes.get(others);
  if (!index) featureIndexes.set(others, (index = indexFeatures(others)));
  const { starts, examples, values, sums } = index;
  sums.fill(0);
  const known = starts.length - 1;
  for (let k = 0; k < query.indices.length; k++) {
    const feature = query.indices[k]!;
    if (feature >= known) continue;
    const weight = query.values[k]!;
    const end = starts[feature + 1]!;
    for (let p = starts[feature]!; p < end; p++) sums[examples[p]!]! += weight * values[p]!;
  }
  let best = 0;
  for (let e = 0; e < sums.length; e++) if (sums[e]! > best) best = sums[e]!;
  return best;
}

function indexFeatures(others: readonly SparseVector[]): FeatureIndex {
  let dimension = 0;
  let entries = 0;
  for (const other of others) {
    for (let k = 0; k < other.indices.length; k++) dimension = Math.max(dimension, other.indices[k]! + 1);
    entries += other.indices.length;
  }
  // Counting sort by feature: examples are visited in order, so each feature's postings stay in example order.
  const starts = new Int32Array(dimension + 1);
  for (const other of others) for (let k = 0; k < other.indices.length; k++) starts[other.indices[k]! + 1]!++;
  for (let f = 0; f < dimension; f++) starts[f + 1]! += starts[f]!;
  const next = starts.slice(0, dimension);
  const examples = new Int32Array(entries);
  const values = new Float64Array(entries);
  others.forEach((other, example) => {
    for (let k = 0; k < other.indices.length; k++) {
      const at = next[other.indices[k]!]!++;
      examples[at] = example;
      values[at] = other.values[k]!;
    }
  });
  return { starts, examples, values, sums: new Float64Array(others.length) };
}
