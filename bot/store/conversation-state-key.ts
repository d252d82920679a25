/**
 * The key under which botbuilder's ConversationState keeps a conversation's state in the bot-state
 * storage. botbuilder builds it privately (`ConversationState.getStorageKey`, from a turn context);
 * erasure has no turn, so it is rebuilt here, in one place, to the same pattern.
 */
export function conversationStateKey(channelId: string, conversationId: string): string {
  return `${channelId}/conversations/${conversationId}/`;
}
