import { seededRandom, shuffleInPlace } from './seeded-random.js';

/** Splits example indices into k folds so every class is spread evenly across them. Deterministic for a seed. */
export function stratifiedFolds(labels: readonly string[], k: number, seed = 11): number[][] {
  const byClass = new Map<string, number[]>();
  labels.forEach((label, index) => byClass.set(label, [...(byClass.get(label) ?? []), index]));
  const folds: number[][] = Array.from({ length: k }, () => []);
  const random = seededRandom(seed);
  let next = 0;
  for (const label of [...byClass.keys()].sort()) {
    for (const index of shuffleInPlace(byClass.get(label)!, random)) {
      folds[next % k]!.push(index);
      next++;
    }
  }
  return folds;
}
