import type { IncomingMessage } from 'node:http';
import type { Request } from 'restify';
import type { TrustedProxies } from '../http/client-address.js';
import type { Config } from '../config.js';
import type { Middleware, TurnContext } from 'botbuilder';
import type { ChannelAdapter } from '../turn/conversation-sender.js';
import type { RouteInstaller } from '../http/http-server.js';
import type { LiveContent } from '../turn/live-content.js';
import type { Logger } from '../../core/index.js';
import { AddressRateLimit } from './directline/address-rate-limit.js';
import { ConversationAdmission, fromRateCheck } from './directline/conversation-admission.js';
import { DirectLineAdapter } from './directline/directline-adapter.js';
import { DirectLineConversations } from './directline/directline-conversations.js';
import { directLineRoutes } from './directline/directline-routes.js';
import { DirectLineTokens } from './directline/directline-tokens.js';
import { BUILT_IN_DIRECT_LINE_CHANNEL } from './replies/index.js';
import { MessengerAdapter } from './messenger/messenger-adapter.js';
import { messengerRoutes } from './messenger/messenger-routes.js';
import { MessengerSendApi } from './messenger/messenger-send-api.js';
import { MESSENGER_CHANNEL } from './messenger/to-activity.js';
import { TypingIndicator } from './typing-indicator.js';
import { WebChatAssets } from './webchat/webchat-assets.js';
import { webChatRoutes, type DirectLineSource } from './webchat/webchat-routes.js';

/** Addresses each per-address rate limit remembers at once (bounded memory; the least recently seen is forgotten). */
const RATE_LIMITED_ADDRESSES = 10_000;

/** What the channels take from the rest of the app. */
export interface ChannelDeps {
  /** Middleware every adapter runs first (masking, roles, transcript, reply shaping), in this order. */
  turnMiddleware: readonly Middleware[];
  onTurnError: (context: TurnContext, error: Error) => Promise<void>;
  /** The bot's turn. */
  logic: (context: TurnContext) => Promise<void>;
  content: LiveContent;
  proxies: TrustedProxies;
  /** The clock of the built-in Direct Line's conversations and rate limits (tests move it). */
  clock: () => number;
}

export interface Channels {
  /** The chat page, the built-in Direct Line and the Messenger webhook, for the server to add. */
  routes: RouteInstaller[];
  /** The adapters of the channels this process serves itself, by channel id, for sends outside a turn. */
  adapters: ReadonlyMap<string, ChannelAdapter>;
  /** The built-in Direct Line (WEBCHAT_DIRECT_LINE=builtin). */
  directLine?: {
    adapter: DirectLineAdapter;
    conversations: DirectLineConversations;
    tokens: DirectLineTokens;
  };
  /** Self-hosted Messenger (MESSENGER_* set); `messenger.onSendFailure` reports messages that could not be delivered. */
  messenger?: MessengerAdapter;
  close(): void;
}

/**
 * Builds the customer channels: the chat page, the built-in Direct Line (unless
 * WEBCHAT_DIRECT_LINE=azure) and self-hosted Messenger (when MESSENGER_* are set). Each adapter runs
 * the app's turn middleware, then shows typing while the bot works. Nothing is served until the
 * server that takes `routes` listens.
 */
export function buildChannels(deps: ChannelDeps, config: Config, logger: Logger): Channels {
  const { clock, proxies, logic } = deps;
  const clientAddress = (req: IncomingMessage) => proxies.clientAddress(req as Request);
  // One allowance per client address for new chat tokens, in either Direct Line mode.
  const tokenLimit = new AddressRateLimit(config.DIRECT_LINE_STARTS_PER_MINUTE, RATE_LIMITED_ADDRESSES, clock);
  /** An adapter of this process's own gets the app's middleware, typing, and the app's answer to a failed turn. */
  const withTurnMiddleware = <A extends DirectLineAdapter | MessengerAdapter>(adapter: A): A => {
    for (const middleware of deps.turnMiddleware) adapter.use(middleware);
    adapter.use(new TypingIndicator());
    adapter.onTurnError = deps.onTurnError;
    return adapter;
  };
  const routes: RouteInstaller[] = [];
  const adapters = new Map<string, ChannelAdapter>();
  const closers: (() => void)[] = [];
  const channels: Channels = {
    routes,
    adapters,
    close: () => closers.forEach((close) => close()),
  };

  let source: DirectLineSource;
  let admission: ConversationAdmission | undefined;
  if (config.WEBCHAT_DIRECT_LINE === 'azure') {
    source = {
      kind: 'azure',
      endpoint: config.DIRECT_LINE_ENDPOINT.replace(/\/$/, ''),
      secret: config.DIRECT_LINE_SECRET!,
    };
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
    admission = new ConversationAdmission({
      conversations,
      tokenLimit,
      startLimit,
      clientAddress,
    });
    const adapter = withTurnMiddleware(
      new DirectLineAdapter(conversations, {
        id: 'vastaa',
        name: config.BOT_DISPLAY_NAME,
        role: 'bot',
      }),
    );
    adapters.set(BUILT_IN_DIRECT_LINE_CHANNEL, adapter);
    const directLine = directLineRoutes({
      channelId: BUILT_IN_DIRECT_LINE_CHANNEL,
      tokens,
      conversations,
      admission,
      adapter,
      logic,
      logger,
      now: clock,
      proxies,
    });
    routes.push(directLine);
    closers.push(
      () => directLine.close(),
      () => conversations.close(),
    );
    channels.directLine = { adapter, conversations, tokens };
    source = { kind: 'builtin', tokens };
  }
  const builtIn = admission;
  const admitTokenRequest = builtIn ? (req: IncomingMessage) => builtIn.issueToken(req) : (req: IncomingMessage) => fromRateCheck(tokenLimit.take(clientAddress(req)));
  routes.push(
    webChatRoutes({
      assets: new WebChatAssets(),
      directLine: source,
      content: deps.content,
      defaultLanguage: config.DEFAULT_LANGUAGE,
      botName: config.BOT_DISPLAY_NAME,
      logger,
      admitTokenRequest,
      proxies,
      frameAncestors: config.CHAT_FRAME_ANCESTORS,
    }),
  );

  if (config.MESSENGER_APP_SECRET && config.MESSENGER_PAGE_ACCESS_TOKEN && config.MESSENGER_VERIFY_TOKEN) {
    const sendApi = new MessengerSendApi({
      graphUrl: config.MESSENGER_GRAPH_URL,
      pageAccessToken: config.MESSENGER_PAGE_ACCESS_TOKEN,
    });
    const messenger = new MessengerAdapter({
      sendApi,
      botName: config.BOT_DISPLAY_NAME,
      graphUrl: config.MESSENGER_GRAPH_URL,
      logger,
    });
    withTurnMiddleware(messenger);
    // Until the agent console subscribes and shows it on the case, a lost message is at least in the log.
    messenger.onSendFailure((failure) => logger.error('messenger message not delivered', { ...failure }));
    adapters.set(MESSENGER_CHANNEL, messenger);
    routes.push(
      messengerRoutes({
        adapter: messenger,
        appSecret: config.MESSENGER_APP_SECRET,
        verifyToken: config.MESSENGER_VERIFY_TOKEN,
        logic,
        logger,
      }),
    );
    channels.messenger = messenger;
  }

  return channels;
}
