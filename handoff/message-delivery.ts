/**
 * What became of one agent message, kept on the case's `replied` event so the console tells the
 * truth after a reload: the review found "Sent." shown for a reply nobody received (the tab was closed).
 */
export const STREAM_STATES = {
  /** The customer's web chat stream received it. */
  delivered: 'delivered',
  /** No stream of the customer's was open: nobody has received it (yet). */
  not_connected: 'not_connected',
  /** Handed to a channel that has not reported delivery (Messenger until its receipt, Azure channels). */
  channel: 'channel',
} as const;
export type StreamState = (typeof STREAM_STATES)[keyof typeof STREAM_STATES];

export interface MessageDelivery {
  stream: StreamState;
  /** The chat page reported the message visible while it had focus. */
  seenAt?: string;
  /** The reply was emailed to the customer's confirmed address. */
  emailedAt?: string;
  /** Why emailing it failed (no address in it); the console shows that it was not emailed. */
  emailFailed?: string;
}

/** A change to a message's delivery; a delivered (or seen) message never goes back to not connected. */
export type DeliveryChange = { delivered: true } | { seenAt: string } | { emailedAt: string } | { emailFailed: string };

/** The delivery after `change`; unchanged (the same object) when the change adds nothing. */
export function applyDelivery(current: MessageDelivery, change: DeliveryChange): MessageDelivery {
  if ('delivered' in change) return current.stream === 'delivered' ? current : { ...current, stream: 'delivered' };
  // Seen implies received, whichever channel reported it.
  if ('seenAt' in change) return current.seenAt ? current : { ...current, stream: 'delivered', seenAt: change.seenAt };
  if ('emailedAt' in change) {
    const { emailFailed: _failed, ...rest } = current;
    return current.emailedAt ? current : { ...rest, emailedAt: change.emailedAt };
  }
  return current.emailedAt ? current : { ...current, emailFailed: change.emailFailed };
}
