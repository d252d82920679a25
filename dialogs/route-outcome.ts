/**
 * What the router did with one customer message. The conversation flow uses it to count failed
 * turns (low confidence) and to give the escalation policy what a dialog found (failed verification).
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
   * The order verification failed, or the order or customer is in its cool-down. The dialog does not
   * decide what follows; the escalation policy does, from `failures` and `locked`. While not locked the
   * dialog has already asked again; when locked it has ended and said nothing, so whatever the
   * customer typed gets the same answer (the handoff's).
   */
  | { kind: 'verification_failed'; failures: number; locked: boolean; intent: string };
