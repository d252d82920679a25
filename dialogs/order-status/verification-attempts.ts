/** The order being verified and the customer trying: failures count against both. */
export interface VerificationSubject {
  orderNumber: string;
  /** `customerKey(channelId, userId)`. */
  customerKey: string;
}

/** Where a subject stands now. */
export interface VerificationStanding {
  /** Failed checks within the window: the higher of the order's and the customer's count. */
  failures: number;
  /** Set while the order or the customer is in its cool-down; no check may be answered until then. */
  lockedUntil?: Date;
}

/**
 * Failed order verifications, counted per order number and per customer across conversations and
 * restarts. Counting in the conversation let a new conversation start from zero: the review found a
 * postal code in 152 requests over 51 conversations (security review M3).
 */
export interface VerificationAttempts {
  standing(subject: VerificationSubject, now: Date): Promise<VerificationStanding>;
  /** Counts one failure for the order and the customer; the limit-th within the window starts the cool-down. */
  recordFailure(subject: VerificationSubject, now: Date): Promise<VerificationStanding>;
}

export interface VerificationLimits {
  /** Failures within `windowMs` that start the cool-down (MAX_VERIFICATION_FAILURES). */
  maxFailures: number;
  /** How long a failure counts. */
  windowMs: number;
  /** How long the order and the customer stay locked once the limit is reached. */
  lockMs: number;
}
