import type { Config } from '../bot/config.js';
import type { App } from '../bot/create-app.js';
import type { Logger } from '../core/index.js';
import { DirectLineAdapter } from './directline/directline-adapter.js';
import { DirectLineConversations } from './directline/directline-conversations.js';
import { directLineRoutes } from './directline/directline-routes.js';
import { DirectLineTokens } from './directline/directline-tokens.js';
import { BUILT_IN_DIRECT_LINE_CHANNEL, ReplyShaper } from './replies/index.js';
import { TypingIndicator } from './typing-indicator.js';
import { WebChatAssets } from './webchat/webchat-assets.js';
import { webChatRoutes, type DirectLineSource } from './webchat/webchat-routes.js';

export interface InstalledChannels {
  /** The built-in Direct Line (WEBCHAT_DIRECT_LINE=builtin). */
  directLine?: { adapter: DirectLineAdapter; conversations: DirectLineConversations; tokens: DirectLineTokens };
  close(): void;
}

/**
 * Adds the customer channels to a built app: reply shaping on every adapter, the chat page, the
 * built-in Direct Line (registered with `app.senders` for agent replies) and self-hosted Messenger
 * when configured. Called by the composition root before the server listens.
 */
export function installChannels(app: App, config: Config, logger: Logger): InstalledChannels {
  const shaper = new ReplyShaper();
  app.adapter.use(shaper);
  const logic = (context: Parameters<App['bot']['run']>[0]) => app.bot.run(context);
  const closers: (() => void)[] = [];
  const installed: InstalledChannels = { close: () => closers.forEach((close) => close()) };

  let source: DirectLineSource;
  if (config.WEBCHAT_DIRECT_LINE === 'azure') {
    source = { kind: 'azure', endpoint: config.DIRECT_LINE_ENDPOINT.replace(/\/$/, ''), secret: config.DIRECT_LINE_SECRET! };
  } else {
    const tokens = new DirectLineTokens(config.DIRECT_LINE_TOKEN_KEY, config.DIRECT_LINE_TOKEN_TTL);
    if (!config.DIRECT_LINE_TOKEN_KEY) logger.info('web chat tokens are signed with a key of this process; set DIRECT_LINE_TOKEN_KEY to keep chats across restarts');
    const conversations = new DirectLineConversations({ historyPerConversation: 1000, maxConversations: 10_000, idleMs: 2 * config.DIRECT_LINE_TOKEN_TTL * 1000 });
    const adapter = new DirectLineAdapter(conversations, { id: 'vastaa', name: config.WEBCHAT_BOT_NAME, role: 'bot' });
    adapter.use(shaper);
    adapter.use(new TypingIndicator());
    adapter.onTurnError = app.adapter.onTurnError;
    app.senders.register(BUILT_IN_DIRECT_LINE_CHANNEL, adapter);
    const routes = directLineRoutes({ channelId: BUILT_IN_DIRECT_LINE_CHANNEL, tokens, conversations, adapter, logic, logger });
    routes(app.server);
    closers.push(() => routes.close(), () => conversations.close());
    installed.directLine = { adapter, conversations, tokens };
    source = { kind: 'builtin', tokens };
  }
  webChatRoutes({ assets: new WebChatAssets(), directLine: source, content: app.content, defaultLanguage: config.DEFAULT_LANGUAGE, botName: config.WEBCHAT_BOT_NAME, logger })(app.server);

  return installed;
}
