/** The loss of a probability this small is capped: one absurd prediction must not decide the temperature alone. */
const MIN_PROBABILITY = 1e-12;

/**
 * Temperature scaling (Guo et al. 2017): one number that turns a classifier's over- or under-confident
 * scores into probabilities that match how often it is right, fitted on predictions for held-out texts.
 */
export function fitTemperature(heldOutLogits: readonly Float64Array[], labels: readonly number[]): number {
  if (heldOutLogits.length === 0) return 1;
  const maxima = heldOutLogits.map((logits) => Math.max(...logits));
  const maxLoss = -Math.log(MIN_PROBABILITY);
  let best = { temperature: 1, loss: Infinity };
  for (let temperature = 0.05; temperature <= 5; temperature *= 1.1) {
    let loss = 0;
    // -log softmax(logits / T)[label], without allocating: CLINC150's 3,100 validation texts x 150
    // intents x 48 temperatures is 22 million exponentials.
    heldOutLogits.forEach((logits, i) => {
      const max = maxima[i]!;
      let sum = 0;
      for (let c = 0; c < logits.length; c++) sum += Math.exp((logits[c]! - max) / temperature);
      loss += Math.min(maxLoss, Math.log(sum) - (logits[labels[i]!]! - max) / temperature);
    });
    if (loss < best.loss) best = { temperature, loss };
  }
  return best.temperature;
}
