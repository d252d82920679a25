import path from 'node:path';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import type { Request, Response, Server } from 'restify';
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

  const router = new ServiceRouter({ content, conversationData, now: overrides.now ?? (() => new Date()) });
  const bot = new VastaaBot({ conversationState, conversationData, router, content, defaultLanguage: config.DEFAULT_LANGUAGE, debugTrace: config.DEBUG_TRACE, logger });

  const server = makeServer({
    maxBodyBytes: config.MAX_BODY_BYTES,
    logger,
    isReady: () => content.ready,
    processActivity: (req: Request, res: Response) => adapter.process(req, res, (context) => bot.run(context)),
  });

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
