/**
 * Messages the channels say themselves (the chat page's title, its "not available" notice, and what
 * screen readers hear before each message: who said it).
 * The bot and `npm run intents -- check` refuse content without them, like the dialogs' own messages.
 */
export const CHANNEL_MESSAGES = ['chat_page_title', 'chat_unavailable', 'chat_bot_said', 'chat_agent_said'] as const;
