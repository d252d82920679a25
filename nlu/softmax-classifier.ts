import { seededRandom, shuffleInPlace } from './seeded-random.js';
import type { SparseVector } from './sparse-vector.js';

export interface SoftmaxTrainingOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty, applied to the weights an example touches. */
  l2: number;
  seed: number;
}

export const DEFAULT_SOFTMAX_OPTIONS: SoftmaxTrainingOptions = { epochs: 15, learningRate: 2, l2: 1e-5, seed: 7 };

/** Gradients smaller than this are skipped: late in training most classes are already near 0. */
const GRADIENT_FLOOR = 1e-4;

/**
 * Multinomial logistic regression over sparse features, trained by SGD on typed arrays.
 * Weights are stored feature-major (all class weights of a feature side by side), so one example
 * touches contiguous memory.
 */
export class SoftmaxClassifier {
  private constructor(
    readonly classCount: number,
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
  ) {}

  static train(
    vectors: readonly SparseVector[],
    labels: readonly number[],
    classCount: number,
    dimension: number,
    options: SoftmaxTrainingOptions = DEFAULT_SOFTMAX_OPTIONS,
  ): SoftmaxClassifier {
    const weights = new Float32Array(dimension * classCount);
    const bias = new Float32Array(classCount);
    const model = new SoftmaxClassifier(classCount, weights, bias);
    const order = vectors.map((_, index) => index);
    const random = seededRandom(options.seed);
    const probabilities = new Float64Array(classCount);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      shuffleInPlace(order, random);
      const rate = options.learningRate / (1 + epoch * 0.2);
      const shrink = 1 - rate * options.l2;
      for (const exampleIndex of order) {
        const x = vectors[exampleIndex]!;
        const label = labels[exampleIndex]!;
        model.fillLogits(x, probabilities);
        softmaxInPlace(probabilities);
        probabilities[label]! -= 1;
        for (let c = 0; c < classCount; c++) {
          const gradient = probabilities[c]!;
          if (gradient > -GRADIENT_FLOOR && gradient < GRADIENT_FLOOR) continue;
          const step = rate * gradient;
          bias[c]! -= step;
          for (let k = 0; k < x.indices.length; k++) {
            const at = x.indices[k]! * classCount + c;
            weights[at] = weights[at]! * shrink - step * x.values[k]!;
          }
        }
      }
    }
    return model;
  }

  /** Raw scores per class (before softmax). */
  logits(x: SparseVector): Float64Array {
    const out = new Float64Array(this.classCount);
    this.fillLogits(x, out);
    return out;
  }

  private fillLogits(x: SparseVector, out: Float64Array): void {
    const classCount = this.classCount;
    for (let c = 0; c < classCount; c++) out[c] = this.bias[c]!;
    for (let k = 0; k < x.indices.length; k++) {
      const base = x.indices[k]! * classCount;
      const value = x.values[k]!;
      for (let c = 0; c < classCount; c++) out[c]! += this.weights[base + c]! * value;
    }
  }
}

/** Softmax of `logits / temperature`, in place; numerically stable. */
export function softmaxInPlace(values: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (const value of values) if (value > max) max = value;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const e = Math.exp((values[i]! - max) / temperature);
    values[i] = e;
    sum += e;
  }
  for (let i = 0; i < values.length; i++) values[i]! /= sum;
  return values;
}
