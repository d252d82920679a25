/**
 * Where the customer is in giving an email address for the answer. Kept on the case and nowhere
 * else (not in bot state, transcripts or logs), so erasing the case erases the address.
 */
export const EMAIL_STEPS = {
  /** The bot asked whether the customer wants the answer by email too. */
  offered: 'offered',
  /** The customer said yes; the bot waits for the address. */
  asked: 'asked',
  /** The bot showed the address back and waits for yes or no. */
  confirming: 'confirming',
  /** Agent replies that find the customer not connected are emailed to `address`. */
  confirmed: 'confirmed',
  declined: 'declined',
} as const;
export type EmailStep = (typeof EMAIL_STEPS)[keyof typeof EMAIL_STEPS];

export interface EmailContact {
  step: EmailStep;
  /** Present from `confirming` on. */
  address?: string;
  at: string;
}
