import type { IncomingMessage } from 'node:http';
import type { Request } from 'restify';
import { TrustedProxies } from '../http/client-address.js';
import type { Config } from '../config.js';
import type { App } from '../create-app.js';
import type { Logger } from '../../core/index.js';
import { AddressRateLimit } from './directline/address-rate-limit.js';
import { ConversationAdmission, fromRateCheck } from './directline/conversation-admission.js';
import { DirectLineAdapter } from './directline/directline-adapter.js';
import { DirectLineConversations } from './directline/directline-conversations.js';
import { directLineRoutes } from './directline/directline-routes.js';
import { DirectLineTokens } from './directline/directline-tokens.js';
import { BUILT_IN_DIRECT_LINE_CHANNEL, ReplyShaper } from './replies/index.js';
import { MessengerAdapter } from './messenger/messenger-adapter.js';
import { messengerRoutes } from './messenger/messenger-routes.js';
import { MessengerSendApi } from './messenger/messenger-send-api.js';
import { MESSENGER_CHANNEL } from './messenger/to-activity.js';
import { TypingIndicator } from './typing-indicator.js';
import { WebChatAssets } from './webchat/webchat-assets.js';
import { webChatRoutes, type DirectLineSource } from './webchat/webchat-routes.js';

/** Addresses each per-address rate limit remembers at once (bounded memory; the least recently seen is forgotten). */
const RATE_LIMITED_ADDRESSES = 10_000;

export interface ChannelOptions {
  /** The clock of the built-in Direct Line's conversations and rate limits (tests move it); defaults to the real time. */
  clock?: () => number;
}

export interface InstalledChannels {
  /** The built-in Direct Line (WEBCHAT_DIRECT_LINE=builtin). */
  directLine?: { adapter: DirectLineAdapter; conversations: DirectLineConversations; tokens: DirectLineTokens; dropStreams(): void };
  /** Self-hosted Messenger (MESSENGER_* set); `messenger.onSendFailure` reports messages that could not be delivered. */
  messenger?: MessengerAdapter;
  close(): void;
}

/**
 * Adds the customer channels to a built app: reply shaping on every adapter, the chat page, the
 * built-in Direct Line (registered with `app.senders` for agent replies) and self-hosted Messenger
 * when configured. Called by the composition root before the server listens.
 */
export function installChannels(app: App, config: Config, logger: Logger, options: ChannelOptions = {}): InstalledChannels {
  const clock = options.clock ?? Date.now;
  const proxies = new TrustedProxies(config.TRUSTED_PROXIES);
  const clientAddress = (req: IncomingMessage) => proxies.clientAddress(req as Request);
  // One allowance per client address for new chat tokens, in either Direct Line mode.
  const tokenLimit = new AddressRateLimit(config.DIRECT_LINE_STARTS_PER_MINUTE, RATE_LIMITED_ADDRESSES, clock);
  const shaper = new ReplyShaper();
  app.adapter.use(shaper);
  const logic = (context: Parameters<App['bot']['run']>[0]) => app.bot.run(context);
  const closers: (() => void)[] = [];
  const installed: InstalledChannels = { close: () => closers.forEach((close) => close()) };

  let source: DirectLineSource;
  let admission: ConversationAdmission | undefined;
  if (config.WEBCHAT_DIRECT_LINE === 'azure') {
    source = { kind: 'azure', endpoint: config.DIRECT_LINE_ENDPOINT.replace(/\/$/, ''), secret: config.DIRECT_LINE_SECRET! };
  } else {
    const tokens = new DirectLineTokens(config.DIRECT_LINE_TOKEN_KEY, config.DIRECT_LINE_TOKEN_TTL);
    if (!config.DIRECT_LINE_TOKEN_KEY) logger.info('web chat tokens are signed with a key of this process; set DIRECT_LINE_TOKEN_KEY to keep chats across restarts');
    const conversations = new DirectLineConversations(
      {
        historyPerConversation: 1000,
        historyBytesPerConversation: config.DIRECT_LINE_HISTORY_BYTES,
        maxConversations: config.DIRECT_LINE_MAX_CONVERSATIONS,
        idleMs: 2 * config.DIRECT_LINE_TOKEN_TTL * 1000,
        emptyMs: config.DIRECT_LINE_EMPTY_CONVERSATION_MINUTES * 60_000,
      },
      clock,
    );
    const startLimit = new AddressRateLimit(config.DIRECT_LINE_STARTS_PER_MINUTE, RATE_LIMITED_ADDRESSES, clock);
    admission = new ConversationAdmission({ conversations, tokenLimit, startLimit, clientAddress });
    const adapter = new DirectLineAdapter(conversations, { id: 'vastaa', name: config.BOT_DISPLAY_NAME, role: 'bot' });
    for (const middleware of app.turnMiddleware) adapter.use(middleware);
    adapter.use(shaper);
    adapter.use(new TypingIndicator());
    adapter.onTurnError = app.adapter.onTurnError;
    app.senders.register(BUILT_IN_DIRECT_LINE_CHANNEL, adapter);
    const routes = directLineRoutes({ channelId: BUILT_IN_DIRECT_LINE_CHANNEL, tokens, conversations, admission, adapter, logic, logger, now: clock, proxies: app.proxies });
    routes(app.server);
    closers.push(() => routes.close(), () => conversations.close());
    installed.directLine = { adapter, conversations, tokens, dropStreams: () => routes.dropStreams() };
    source = { kind: 'builtin', tokens };
  }
  const builtIn = admission;
  const admitTokenRequest = builtIn ? (req: IncomingMessage) => builtIn.issueToken(req) : (req: IncomingMessage) => fromRateCheck(tokenLimit.take(clientAddress(req)));
  webChatRoutes({
    assets: new WebChatAssets(),
    directLine: source,
    content: app.content,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    botName: config.BOT_DISPLAY_NAME,
    logger,
    admitTokenRequest,
    proxies: app.proxies,
    frameAncestors: config.CHAT_FRAME_ANCESTORS,
  })(app.server);

  if (config.MESSENGER_APP_SECRET && config.MESSENGER_PAGE_ACCESS_TOKEN && config.MESSENGER_VERIFY_TOKEN) {
    const sendApi = new MessengerSendApi({ graphUrl: config.MESSENGER_GRAPH_URL, pageAccessToken: config.MESSENGER_PAGE_ACCESS_TOKEN });
    const messenger = new MessengerAdapter({ sendApi, botName: config.BOT_DISPLAY_NAME, graphUrl: config.MESSENGER_GRAPH_URL, logger });
    for (const middleware of app.turnMiddleware) messenger.use(middleware);
    messenger.use(shaper);
    messenger.use(new TypingIndicator());
    messenger.onTurnError = app.adapter.onTurnError;
    // Until the agent console subscribes and shows it on the case, a lost message is at least in the log.
    messenger.onSendFailure((failure) => logger.error('messenger message not delivered', { ...failure }));
    app.senders.register(MESSENGER_CHANNEL, messenger);
    messengerRoutes({ adapter: messenger, appSecret: config.MESSENGER_APP_SECRET, verifyToken: config.MESSENGER_VERIFY_TOKEN, logic, logger })(app.server);
    installed.messenger = messenger;
  }

  return installed;
}
