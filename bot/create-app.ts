import path from 'node:path';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Request, Response, Server } from 'restify';
import { DEMO_ORDER_API_PATH, demoOrderApi, FileOutageFeed, HttpOrderApi, HttpOutageFeed } from '../backends/index.js';
import type { Logger } from '../core/index.js';
import { KNOWN_DIALOGS, REQUIRED_MESSAGES, say, ServiceRouter, type ConversationData } from '../dialogs/index.js';
import { LowdbStorage } from '../store/index.js';
import { thresholdsFrom, type Config } from './config.js';
import { ChannelSenders } from './conversation-sender.js';
import { makeServer } from './http-server.js';
import { LiveContent } from './live-content.js';
import { VastaaBot } from './vastaa-bot.js';

export interface App {
  server: Server;
  content: LiveContent;
  adapter: CloudAdapter;
  /** Sends into a conversation outside a customer's turn, through the adapter that owns its channel. */
  senders: ChannelSenders;
  close(): Promise<void>;
}

export interface AppOverrides {
  /** Bot state storage; defaults to a lowdb file in DATA_DIR. */
  storage?: Storage;
  /** The clock (tests fix it); defaults to the real time. */
  now?: () => Date;
}

/**
 * Builds the whole bot from configuration: content and NLU, storage, adapter, bot and HTTP server.
 * Nothing listens yet; the caller starts the server. Throws when content or data files are unusable.
 */
export async function createApp(config: Config, logger: Logger, overrides: AppOverrides = {}): Promise<App> {
  const content = new LiveContent(
    config.CONTENT_DIR,
    { knownDialogs: KNOWN_DIALOGS, requiredMessages: REQUIRED_MESSAGES },
    thresholdsFrom(config),
    logger,
  );
  const loaded = await content.reload();
  if (!loaded.ok) throw new Error(`content in ${config.CONTENT_DIR} has errors; run \`npm run intents -- check\` to see them`);

  const storage = overrides.storage ?? (await LowdbStorage.open(path.join(config.DATA_DIR, 'state.json')));
  const conversationState = new ConversationState(storage ?? new MemoryStorage());
  const conversationData = conversationState.createProperty<ConversationData>('vastaa');

  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error('turn failed', { conversation: context.activity.conversation?.id, error, stack: error.stack });
    try {
      await conversationState.delete(context);
      const language = (context.activity.locale?.startsWith('en') ? 'en' : config.DEFAULT_LANGUAGE) as 'fi' | 'en';
      await context.sendActivity(say(content.current().content.messages, 'turn_error', language));
    } catch (secondary) {
      logger.error('could not tell the customer about the failed turn', { error: secondary });
    }
  };

  const senders = new ChannelSenders(adapter, config.MicrosoftAppId ?? '');

  // Without ORDER_API_URL the bot asks the demo order API on its own server, so the real client runs end to end.
  const orders = new HttpOrderApi({
    baseUrl: config.ORDER_API_URL ?? (() => `${loopbackUrl(server, config.HOST)}${DEMO_ORDER_API_PATH}`),
    timeoutMs: config.ORDER_API_TIMEOUT_MS,
    token: config.ORDER_API_TOKEN,
  });
  const outages = config.OUTAGE_API_URL ? new HttpOutageFeed(config.OUTAGE_API_URL, config.OUTAGE_API_TIMEOUT_MS) : new FileOutageFeed(config.OUTAGE_FILE);
  logger.info('backends', { outages: outages.source, orders: config.ORDER_API_URL ?? `demo (${config.DEMO_ORDERS_FILE})` });

  const router = new ServiceRouter({
    content,
    conversationData,
    dialogState: conversationState.createProperty<DialogState>('dialogs'),
    now: overrides.now ?? (() => new Date()),
    logger,
    outages,
    orders,
    privacy: { publicChannels: config.PUBLIC_CHANNELS, privateChatUrl: config.PRIVATE_CHAT_URL },
  });
  const bot = new VastaaBot({ conversationState, conversationData, router, content, defaultLanguage: config.DEFAULT_LANGUAGE, debugTrace: config.DEBUG_TRACE, logger });

  const demoRoutes = config.ORDER_API_URL ? [] : [demoOrderApi(config.DEMO_ORDERS_FILE, (problem) => logger.error(problem))];
  const server = makeServer({
    maxBodyBytes: config.MAX_BODY_BYTES,
    logger,
    isReady: () => content.ready,
    processActivity: (req: Request, res: Response) => adapter.process(req, res, (context) => bot.run(context)),
  }, demoRoutes);

  if (config.CONTENT_RELOAD === 'watch') content.watch();

  return {
    server,
    content,
    adapter,
    senders,
    async close() {
      content.close();
      server.close();
    },
  };
}

/** The server's own address for calls to itself; a wildcard HOST (0.0.0.0, ::) is reached on loopback. */
function loopbackUrl(server: Server, host: string): string {
  const { port } = server.address();
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}
