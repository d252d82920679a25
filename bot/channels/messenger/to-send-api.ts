import type { Activity } from 'botbuilder';
import { splitText } from '../replies/split-text.js';
import { payloadOf } from './quick-reply-payload.js';

/** Meta's limits, enforced here too in case a reply reaches the adapter unshaped. */
export const MESSENGER_LIMITS = { text: 2000, quickReplies: 13, quickReplyTitle: 20 } as const;

/** How a message may be sent under Meta's 24-hour rule. */
export type MessagingPolicy = { messaging_type: 'RESPONSE' | 'UPDATE' } | { messaging_type: 'MESSAGE_TAG'; tag: 'HUMAN_AGENT' };

/**
 * The Send API bodies for one message activity: its text (in parts of at most 2000 characters) with
 * the suggested actions as quick replies on the last part.
 */
export function toSendApiBodies(activity: Partial<Activity>, recipientId: string, policy: MessagingPolicy): Record<string, unknown>[] {
  const text = activity.text?.trim() ?? '';
  const actions = (activity.suggestedActions?.actions ?? []).slice(0, MESSENGER_LIMITS.quickReplies);
  const quickReplies = actions
    .filter((action) => action.title)
    .map((action) => ({ content_type: 'text', title: action.title.slice(0, MESSENGER_LIMITS.quickReplyTitle), payload: payloadOf(action) }));
  const parts = splitText(text, MESSENGER_LIMITS.text);
  if (parts.length === 0 && quickReplies.length === 0) return [];
  // Quick replies need text to hang on; a bare set of buttons gets an ellipsis.
  if (parts.length === 0) parts.push('…');
  return parts.map((part, index) => ({
    recipient: { id: recipientId },
    ...policy,
    message: { text: part, ...(index === parts.length - 1 && quickReplies.length > 0 ? { quick_replies: quickReplies } : {}) },
  }));
}
