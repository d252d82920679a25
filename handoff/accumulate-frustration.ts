/**
 * Share of the previous frustration a new turn keeps. With the default threshold of 3, two
 * moderately annoyed messages in a row (2 each: 2 * 0.6 + 2 = 3.2) reach a person, one does not,
 * mild annoyance alone (1 a turn) never does (it levels off at 2.5), and after a few calm turns
 * the customer is back near zero.
 */
export const FRUSTRATION_DECAY = 0.6;

/**
 * The frustration meter of a conversation: `previous * decay + turnScore`. Pure, so the caller keeps
 * the number in conversation state and the policy compares it with `upsetThreshold`.
 *
 * @example
 * let frustration = 0;
 * frustration = accumulateFrustration(frustration, detectUpset(text, language, lexicon).score);
 */
export function accumulateFrustration(previous: number, turnScore: number, decay: number = FRUSTRATION_DECAY): number {
  // A NaN stored once would make every later comparison false and silently disable upset handoffs.
  for (const [name, value] of [
    ['previous', previous],
    ['turnScore', turnScore],
  ] as const) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`accumulateFrustration(): ${name} must be a finite number >= 0, got ${value}`);
  }
  if (!(decay >= 0 && decay < 1)) throw new RangeError(`accumulateFrustration(): decay must be at least 0 and below 1, got ${decay}`);
  return previous * decay + turnScore;
}
