/**
 * How much softer than the calibrated temperature the in-scope score's probability is. Calibrated
 * probabilities of an unfamiliar text still pile onto one intent; a softer softmax keeps how far the
 * best score stands above all the others (chosen on CLINC150's validation split; 2 to 6 score alike).
 */
const TEMPERATURE_FACTOR = 4;
/** How hard unseen words count against a text: half its words unseen multiplies the score by e^-1. */
const COVERAGE_WEIGHT = 2;

/**
 * How likely a text is one of the trained intents at all, 0..1: the best intent's probability at a
 * softer temperature, times the square root of the similarity to that intent's nearest example,
 * times a penalty for words never seen in training. Ranks out-of-scope texts below in-scope ones
 * better than the probability alone (CLINC150 validation AUROC 0.946 -> 0.970).
 */
export function inScopeScore(logits: Float64Array, temperature: number, similarity: number, wordCoverage: number): number {
  const softer = temperature * TEMPERATURE_FACTOR;
  let max = -Infinity;
  for (const logit of logits) if (logit > max) max = logit;
  let sum = 0;
  for (const logit of logits) sum += Math.exp((logit - max) / softer);
  const probability = logits.length > 0 ? 1 / sum : 0;
  return probability * Math.sqrt(Math.max(0, similarity)) * Math.exp(COVERAGE_WEIGHT * (wordCoverage - 1));
}
