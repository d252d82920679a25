/**
 * Messages the channels say themselves (the chat page's title and its "not available" notice).
 * The bot and `npm run intents -- check` refuse content without them, like the dialogs' own messages.
 */
export const CHANNEL_MESSAGES = ['chat_page_title', 'chat_unavailable'] as const;
