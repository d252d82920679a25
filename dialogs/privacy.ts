import type { Activity } from 'botbuilder';

/** Conversation types everyone in a group, page or thread can read (Teams channels and group chats, Messenger comments). */
export const PUBLIC_CONVERSATION_TYPES = ['channel', 'groupChat', 'comment'] as const;

export interface PrivacyRule {
  /** Channel ids whose every conversation is public (`PUBLIC_CHANNELS`), e.g. a comment-only channel. */
  publicChannels: readonly string[];
}

/**
 * Whether others than the customer can read the conversation, so the bot must not reveal anything
 * personal in it. Public when the channel is listed in `PUBLIC_CHANNELS`, when the conversation is a
 * group (`conversation.isGroup`), when its `conversation.conversationType` is one of
 * PUBLIC_CONVERSATION_TYPES (a channel adapter marks a Messenger comment thread as "comment"), or
 * when the channel data says `{ "public": true }`.
 */
export function isPublicConversation(activity: Partial<Activity>, rule: PrivacyRule): boolean {
  if (activity.channelId && rule.publicChannels.includes(activity.channelId)) return true;
  const conversation = activity.conversation;
  if (conversation?.isGroup === true) return true;
  if ((PUBLIC_CONVERSATION_TYPES as readonly string[]).includes(conversation?.conversationType ?? '')) return true;
  return (activity.channelData as { public?: unknown } | undefined)?.public === true;
}
