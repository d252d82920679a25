import type { IncomingMessage } from 'node:http';
import type { Request } from 'restify';
import type { TrustedProxies } from '../http/client-address.js';
import type { Config } from '../config.js';
import type { Activity, Middleware, TurnContext } from 'botbuilder';
import type { CustomerDesk } from '../../handoff/index.js';
import type { ChannelAdapter } from '../turn/conversation-sender.js';
import type { RouteInstaller } from '../http/http-server.js';
import type { LiveContent } from '../turn/live-content.js';
import type { Logger } from '../../core/index.js';
import { AddressRateLimit, type RateLimit } from './directline/address-rate-limit.js';
import { ConversationAdmission, fromRateCheck, type Admission } from './directline/conversation-admission.js';
import { DirectLineAdapter, type TurnTracker } from './directline/directline-adapter.js';
import { DirectLineConversations, type ConversationLimits } from './directline/directline-conversations.js';
import { memoryDirectLineLog, type DirectLineLog } from './directline/directline-log.js';
import { directLineRoutes } from './directline/directline-routes.js';
import { StreamPresence, type PagePresence, type SharedPages } from './directline/stream-presence.js';
import type { SpentTokenLedger } from './directline/spent-tokens.js';
import { DirectLineTokens } from './directline/directline-tokens.js';
import { BUILT_IN_DIRECT_LINE_CHANNEL } from './replies/index.js';
import { MessengerAdapter } from './messenger/messenger-adapter.js';
import { messengerRoutes } from './messenger/messenger-routes.js';
import { MessengerSendApi } from './messenger/messenger-send-api.js';
import { MESSENGER_CHANNEL } from './messenger/to-activity.js';
import { TypingIndicator } from './typing-indicator.js';
import { chatSessionRoutes } from './webchat/chat-session-routes.js';
import { ChatSessions, resumableInLog, resumableInMemory } from './webchat/chat-sessions.js';
import { WebChatAssets } from './webchat/webchat-assets.js';
import { WebChatIdentity } from './webchat/webchat-identity.js';
import { webChatRoutes, type DirectLineSource } from './webchat/webchat-routes.js';

/** Addresses each per-address rate limit remembers at once (bounded memory; the least recently seen is forgotten). */
const RATE_LIMITED_ADDRESSES = 10_000;

/** What the channels take from the rest of the app. */
export interface ChannelDeps {
  /** Middleware every adapter runs first (masking, roles, transcript, reply shaping), in this order. */
  turnMiddleware: readonly Middleware[];
  onTurnError: (context: TurnContext, error: Error) => Promise<void>;
  /** Counts a built-in Direct Line turn as in flight from its acceptance (InFlightTurns.track), queued or running. */
  inFlight?: TurnTracker;
  /** The bot's turn. */
  logic: (context: TurnContext) => Promise<void>;
  content: LiveContent;
  proxies: TrustedProxies;
  /** The clock of the built-in Direct Line's conversations and rate limits (tests move it). */
  clock: () => number;
  /** The bot's clock (the chat header's open/closed status). */
  now: () => Date;
  /** The customer's side of the handoff: "End conversation" abandons a waiting case, a rating gets its comment. */
  desk: Pick<CustomerDesk, 'abandon' | 'commentOnRating' | 'conversation' | 'customerWrote' | 'getCase'>;
  /** A conversation's transcript, to show a returning visitor a conversation this process had dropped. */
  transcript: (channelId: string, conversationId: string) => Promise<Activity[]>;
  /**
   * Where the built-in Direct Line keeps its conversations when not in this process's memory
   * (PostgreSQL, shared by the instances).
   */
  directLineLog?: (limits: ConversationLimits, clock: () => number) => DirectLineLog;
  /**
   * What else of the built-in Direct Line the instances share (PostgreSQL): whether a customer's page is
   * there, the per-address allowances and the used stream tokens. This process's memory unless given.
   */
  directLineShared?: {
    pages(clock: () => number, forgetMs: number): SharedPages;
    rateLimit(scope: 'tokens' | 'starts', perMinute: number, clock: () => number): RateLimit;
    spentTokens(clock: () => number): SpentTokenLedger;
  };
}

export interface Channels {
  /** The chat page, the built-in Direct Line and the Messenger webhook, for the server to add. */
  routes: RouteInstaller[];
  /** The adapters of the channels this process serves itself, by channel id, for sends outside a turn. */
  adapters: ReadonlyMap<string, ChannelAdapter>;
  /**
   * The built-in Direct Line (WEBCHAT_DIRECT_LINE=builtin): its conversations (`log`), the
   * in-memory ones behind it when they are kept in this process (no DATABASE_URL), and whether a
   * customer's page is there (with DATABASE_URL: as this instance sees it).
   */
  directLine?: { adapter: DirectLineAdapter; log: DirectLineLog; conversations?: DirectLineConversations; presence: PagePresence; tokens: DirectLineTokens };
  /** Self-hosted Messenger (MESSENGER_* set); `messenger.onSendFailure` reports messages that could not be delivered. */
  messenger?: MessengerAdapter;
  /** Cuts the streams; resolves once what they shared with the other instances is stored. */
  close(): Promise<void>;
}

/**
 * Builds the customer channels: the chat page (unless WEB_CHAT=false) with the built-in Direct Line
 * (unless WEBCHAT_DIRECT_LINE=azure), and self-hosted Messenger (when MESSENGER_* are set). Each
 * adapter of its own runs the app's turn middleware, then shows typing while the bot works. Nothing
 * is served until the server that takes `routes` listens.
 */
export function buildChannels(deps: ChannelDeps, config: Config, logger: Logger): Channels {
  const closers: (() => Promise<void>)[] = [];
  const channels: Channels & { adapters: Map<string, ChannelAdapter> } = {
    routes: [],
    adapters: new Map(),
    close: async () => {
      for (const close of closers) await close();
    },
  };
  if (config.WEB_CHAT) {
    const webChat = buildWebChat(deps, config, logger);
    channels.routes.push(...webChat.routes);
    if (webChat.directLine) {
      channels.directLine = webChat.directLine;
      channels.adapters.set(BUILT_IN_DIRECT_LINE_CHANNEL, webChat.directLine.adapter);
      closers.push(webChat.close);
    }
  }
  if (config.MESSENGER_APP_SECRET && config.MESSENGER_PAGE_ACCESS_TOKEN && config.MESSENGER_VERIFY_TOKEN) {
    const sendApi = new MessengerSendApi({ graphUrl: config.MESSENGER_GRAPH_URL, pageAccessToken: config.MESSENGER_PAGE_ACCESS_TOKEN });
    const messenger = withTurnMiddleware(
      new MessengerAdapter({ sendApi, botName: config.BOT_DISPLAY_NAME, graphUrl: config.MESSENGER_GRAPH_URL, logger }),
      deps,
    );
    // The agent console also notes it on the case; without the console, a lost message is at least in the log.
    messenger.onSendFailure((failure) => logger.error('messenger message not delivered', { ...failure }));
    channels.adapters.set(MESSENGER_CHANNEL, messenger);
    channels.routes.push(
      messengerRoutes({ adapter: messenger, appSecret: config.MESSENGER_APP_SECRET, verifyToken: config.MESSENGER_VERIFY_TOKEN, logic: deps.logic, logger }),
    );
    channels.messenger = messenger;
  }
  return channels;
}

/** The chat page and where its Web Chat connects: this server's own Direct Line, or Azure's. */
function buildWebChat(
  deps: ChannelDeps,
  config: Config,
  logger: Logger,
): { routes: RouteInstaller[]; directLine?: Channels['directLine']; close(): Promise<void> } {
  const { clock, proxies } = deps;
  const shared = deps.directLineShared;
  const rateLimit = (scope: 'tokens' | 'starts'): RateLimit =>
    shared
      ? shared.rateLimit(scope, config.DIRECT_LINE_STARTS_PER_MINUTE, clock)
      : new AddressRateLimit(config.DIRECT_LINE_STARTS_PER_MINUTE, RATE_LIMITED_ADDRESSES, clock);
  const clientAddress = (req: IncomingMessage) => proxies.clientAddress(req as Request);
  // One allowance per client address for new chat tokens, in either Direct Line mode.
  const tokenLimit = rateLimit('tokens');
  const identity = new WebChatIdentity(config.WEB_CHAT_IDENTITY_KEY, config.WEB_CHAT_IDENTITY_DAYS);
  if (!config.WEB_CHAT_IDENTITY_KEY)
    logger.info('web chat visitors are recognised with a key of this process; set WEB_CHAT_IDENTITY_KEY to keep them across restarts and instances');
  const page = (directLine: DirectLineSource, admitTokenRequest: (req: IncomingMessage) => Admission | Promise<Admission>, sessions?: ChatSessions) =>
    webChatRoutes({
      identity,
      sessions,
      now: deps.now,
      assets: new WebChatAssets(),
      directLine,
      content: deps.content,
      defaultLanguage: config.DEFAULT_LANGUAGE,
      botName: config.BOT_DISPLAY_NAME,
      logger,
      admitTokenRequest,
      proxies,
      frameAncestors: config.CHAT_FRAME_ANCESTORS,
    });

  if (config.WEBCHAT_DIRECT_LINE === 'azure') {
    const azure: DirectLineSource = { kind: 'azure', endpoint: config.DIRECT_LINE_ENDPOINT.replace(/\/$/, ''), secret: config.DIRECT_LINE_SECRET! };
    return { routes: [page(azure, async (req) => fromRateCheck(await tokenLimit.take(clientAddress(req))))], close: async () => undefined };
  }

  const tokens = new DirectLineTokens(config.DIRECT_LINE_TOKEN_KEY, config.DIRECT_LINE_TOKEN_TTL);
  if (!config.DIRECT_LINE_TOKEN_KEY)
    logger.info('web chat tokens are signed with a key of this process; set DIRECT_LINE_TOKEN_KEY to keep chats across restarts');
  const limits: ConversationLimits = {
    historyPerConversation: 1000,
    historyBytesPerConversation: config.DIRECT_LINE_HISTORY_BYTES,
    maxConversations: config.DIRECT_LINE_MAX_CONVERSATIONS,
    idleMs: 2 * config.DIRECT_LINE_TOKEN_TTL * 1000,
    emptyMs: config.DIRECT_LINE_EMPTY_CONVERSATION_MINUTES * 60_000,
  };
  const inMemory = deps.directLineLog ? undefined : new DirectLineConversations(limits, clock);
  // Whether the customer's page is there: the in-memory conversations know; with a shared log every
  // instance writes the pages it serves where the others read them.
  const streamPresence = inMemory
    ? undefined
    : new StreamPresence(clock, limits.idleMs, shared?.pages(clock, limits.idleMs), (problem, error) => logger.warn(problem, { error }));
  const conversations = inMemory ? memoryDirectLineLog(inMemory) : streamPresence!.track(deps.directLineLog!(limits, clock));
  const presence: PagePresence = inMemory ? { presence: async (id) => inMemory.presence(id), deliveries: inMemory.deliveries } : streamPresence!;
  const startLimit = rateLimit('starts');
  const admission = new ConversationAdmission({ conversations, tokenLimit, startLimit, clientAddress });
  const adapter = withTurnMiddleware(new DirectLineAdapter(conversations, { id: 'vastaa', name: config.BOT_DISPLAY_NAME, role: 'bot' }, deps.inFlight), deps);
  const streams = directLineRoutes({
    channelId: BUILT_IN_DIRECT_LINE_CHANNEL,
    tokens,
    conversations,
    admission,
    adapter,
    logic: deps.logic,
    logger,
    now: clock,
    proxies,
    ...(shared ? { spentTokens: shared.spentTokens(clock) } : {}),
  });
  const sessions = new ChatSessions({
    identity,
    conversations: inMemory ? resumableInMemory(inMemory) : resumableInLog(conversations),
    adapter,
    channelId: BUILT_IN_DIRECT_LINE_CHANNEL,
    desk: deps.desk,
    history: (conversationId) => deps.transcript(BUILT_IN_DIRECT_LINE_CHANNEL, conversationId),
    content: deps.content,
    defaultLanguage: config.DEFAULT_LANGUAGE,
  });
  return {
    routes: [
      streams,
      page({ kind: 'builtin', tokens }, (req) => admission.issueToken(req), sessions),
      chatSessionRoutes({ sessions, identity, proxies, logger }),
    ],
    directLine: { adapter, log: conversations, ...(inMemory ? { conversations: inMemory } : {}), presence, tokens },
    close: async () => {
      streams.close();
      await conversations.close();
      await streamPresence?.close();
    },
  };
}

/** An adapter of this process's own runs the app's middleware, then shows typing, and answers a failed turn as the app does. */
function withTurnMiddleware<A extends DirectLineAdapter | MessengerAdapter>(adapter: A, deps: ChannelDeps): A {
  for (const middleware of deps.turnMiddleware) adapter.use(middleware);
  adapter.use(new TypingIndicator());
  adapter.onTurnError = deps.onTurnError;
  return adapter;
}
