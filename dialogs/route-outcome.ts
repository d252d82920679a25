import type { HandoffReason } from '../handoff/index.js';

/**
 * What the router did with one customer message. The conversation flow uses it to count failed
 * turns (low confidence) and to hand off when a dialog asks for a person (e.g. failed verification).
 */
export type RouteOutcome =
  /** An intent was answered (plainly or by its dialog's first reply). */
  | { kind: 'answered'; intent: string }
  /** A multi-turn dialog asked the customer something and waits for the answer. */
  | { kind: 'in_dialog'; dialog: string }
  /** Two intents were close; the customer was asked which one was meant. Not counted as a failure. */
  | { kind: 'clarify' }
  /** Nothing confident: the customer was told so and offered the main topics. */
  | { kind: 'not_understood' }
  /** The customer cancelled a running dialog ("never mind", "antaa olla"). */
  | { kind: 'cancelled'; dialog: string }
  /**
   * A dialog needs a person (e.g. verification failed three times). Nothing has been sent yet for it;
   * the handoff flow tells the customer what happens next.
   */
  | { kind: 'handoff'; reason: HandoffReason; signal: string; intent?: string };
