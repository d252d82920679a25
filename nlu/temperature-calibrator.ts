import { softmaxInPlace } from './softmax-classifier.js';

/**
 * Temperature scaling (Guo et al. 2017): one number that turns a classifier's over- or under-confident
 * scores into probabilities that match how often it is right, fitted on predictions for held-out texts.
 */
export function fitTemperature(heldOutLogits: readonly Float64Array[], labels: readonly number[]): number {
  if (heldOutLogits.length === 0) return 1;
  let best = { temperature: 1, loss: Infinity };
  for (let temperature = 0.05; temperature <= 5; temperature *= 1.1) {
    let loss = 0;
    heldOutLogits.forEach((logits, i) => {
      const probabilities = softmaxInPlace(Float64Array.from(logits), temperature);
      loss -= Math.log(Math.max(probabilities[labels[i]!]!, 1e-12));
    });
    if (loss < best.loss) best = { temperature, loss };
  }
  return best.temperature;
}
