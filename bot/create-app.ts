import {
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  TranscriptLoggerMiddleware,
  type Middleware,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { randomBytes } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { DEMO_ORDER_API_PATH, demoOrderApi, HttpOrderApi } from '../dialogs/order-status/index.js';
import { FileOutageFeed, HttpOutageFeed } from '../dialogs/outage/index.js';
import { type Logger, RecentIds, maskEmailAddresses, maskPersonalData } from '../core/index.js';
import {
  CONTENT_REQUIREMENTS,
  ConversationFlow,
  EmailOffer,
  HandoffFlow,
  LearningRecorder,
  type LearningInbox,
  say,
  ServiceRouter,
  type ConversationData,
} from '../dialogs/index.js';
import { createHandoffDesks, type HandoffDesks } from '../handoff/index.js';
import { DEFAULT_TIME_ZONE } from '../dialogs/opening-hours/index.js';
import { TrainedModelCache } from '../core/nlu/index.js';
import { openAppStores, reportingStorage, reportingTranscriptLogger, StorageHealth, type OpenJournal, type TranscriptArchive } from './store/index.js';
import { postgresInstances } from './postgres-instances.js';
import { InFlightTurns } from './turn/in-flight-turns.js';
import { AgentActions } from './turn/agent-actions.js';
import { buildAgentConsole, hoursTodayFrom, type AgentConsole, type DeliveryFailureSource } from './agent-console/index.js';
import { buildChannels, CHANNEL_MESSAGES, ReplyShaper, type Channels } from './channels/index.js';
import { escalationPolicyFrom, thresholdsFrom, verificationLimitsFrom, type Config } from './config.js';
import { TrustedProxies } from './http/client-address.js';
import { ChannelSenders } from './turn/conversation-sender.js';
import { CustomerData } from './operations/customer-data.js';
import { makeServer } from './http/http-server.js';
import { InFlightRequests } from './http/in-flight-requests.js';
import { LiveContent } from './turn/live-content.js';
import { messagesEndpoint, MessagesAdapter } from './http/messages-endpoint.js';
import { operationsRoutes } from './operations/operations-routes.js';
import { PrometheusMetrics } from './operations/prometheus-metrics.js';
import { prometheusRoute } from './operations/prometheus-route.js';
import { TurnMetricsMiddleware } from './operations/turn-metrics-middleware.js';
import { PersonalDataMiddleware } from './turn/personal-data-middleware.js';
import { SpeakerRolesMiddleware } from './turn/speaker-roles-middleware.js';
import { applyRetention, scheduleRetention } from './operations/retention.js';
import { VastaaBot } from './turn/vastaa-bot.js';
import { CustomerTyping } from './turn/customer-typing.js';
import { ReplyMailer } from './mail/reply-mailer.js';
import { QueueUpdates } from './turn/queue-updates.js';
import { ReadReceipts } from './turn/read-receipts.js';
import { ReplyDelivery } from './turn/reply-delivery.js';
import { buildStudio, topMisunderstood } from './studio/index.js';
import { failedTurnLanguage } from './turn/failed-turn-language.js';

/** How often the retention job looks for data past RETENTION_DAYS. */
const RETENTION_EVERY_MS = 6 * 60 * 60 * 1000;
/**
 * How long and how many /api/messages activity ids are remembered to drop a replay or a channel's
 * retry. An hour covers Bot Framework retries; past 10,000 ids the oldest go first, so a flood of new
 * ids costs at most about a megabyte.
 */
const RECENT_ACTIVITIES = { ttlMs: 60 * 60 * 1000, maxEntries: 10_000 };

export interface App {
  server: Server;
  content: LiveContent;
  adapter: MessagesAdapter;
  /** The bot's turn, for channel adapters of their own (channels/). */
  bot: VastaaBot;
  /** Sends into a conversation outside a customer's turn, through the adapter that owns its channel. */
  senders: ChannelSenders;
  /** The handoff's desks, one per group of callers (customer, agent, data governance, reports). */
  desk: HandoffDesks;
  /** Agent replies and closing, delivered to the customer's channel. */
  agents: AgentActions;
  transcripts: TranscriptArchive;
  /** What the bot missed, for the editors' studio (DATA_DIR/learning-inbox.json, or PostgreSQL with DATABASE_URL). */
  learningInbox: LearningInbox;
  customerData: CustomerData;
  /** The customer channels this process serves itself (built-in Direct Line, Messenger). */
  channels: Pick<Channels, 'directLine' | 'messenger'>;
  /** The agent console's agents, sessions and password checks (none with AGENT_CONSOLE=false). */
  agentConsole?: Pick<AgentConsole, 'directory' | 'sessions' | 'passwordChecks'>;
  /** The service's time zone (from the opening hours), for "today" in the metrics. */
  timeZone: () => string;
  /** The clock the app runs on. */
  now: () => Date;
  /** Tells waiting customers when their place changes; `check()` looks now instead of at the next change or sweep. */
  queueUpdates: QueueUpdates;
  /** The proxies whose X-Forwarded-* headers count (TRUSTED_PROXIES); one for every route that needs them. */
  proxies: TrustedProxies;
  /** True when SIGHUP should reload the content (CONTENT_RELOAD=signal or watch). */
  reloadsOnHangUp: boolean;
  /** Stops everything the app started (streams, timers, watchers, worker threads) and closes the stores. */
  close(): Promise<void>;
  /**
   * Graceful shutdown (SIGTERM): /readyz turns 503, the server stops accepting connections and cuts
   * the web chat streams (the clients reconnect to another instance), the turns in flight finish
   * (within `graceMs`), then everything is closed. Resolves false when turns were still running at `graceMs`.
   */
  shutdown(graceMs: number): Promise<boolean>;
}

export interface AppOverrides {
  /** Bot state storage; defaults to a lowdb file in DATA_DIR. */
  storage?: Storage;
  /** The clock (tests fix it); defaults to the real time. */
  now?: () => Date;
  /** How the handoff journal file is opened; tests pass one that fails like a full disk. */
  openJournal?: OpenJournal;
  /** The clock of the built-in Direct Line's conversations and rate limits (tests move it); defaults to the real time. */
  directLineClock?: () => number;
  /** More channels that report undelivered messages to the agent console (tests stand in for one). */
  deliveryFailures?: readonly DeliveryFailureSource[];
}

/**
 * Builds the whole of Vastaa from configuration, in one phase and in this order: content and NLU,
 * the stores, the adapter and its middleware, the bot, the customer channels, the agent console,
 * the operations routes and the HTTP server that serves them all. Production (bot/index.ts) and the
 * tests (test/support/vastaa.ts) both call this; tests change only what `overrides` allows.
 * Nothing listens yet; `listen(app.server, …)` starts it. Throws when content, data or agent files
 * are unusable, after closing what it had opened.
 */
export async function createApp(config: Config, logger: Logger, overrides: AppOverrides = {}): Promise<App> {
  const now = overrides.now ?? (() => new Date());
  const content = new LiveContent(
    config.CONTENT_DIR,
    // The chat page's own messages are checked with the content like the dialogs' own.
    { ...CONTENT_REQUIREMENTS, requiredMessages: [...(CONTENT_REQUIREMENTS.requiredMessages ?? []), ...CHANNEL_MESSAGES] },
    thresholdsFrom(config),
    logger,
    new TrainedModelCache(config.NLU_CACHE_DIR),
  );
  const loaded = await content.reload();
  if (!loaded.ok) throw new Error(`content in ${config.CONTENT_DIR} has errors; run \`npm run intents -- check\` to see them`);

  // GET /metrics; made first because the stores count their failed writes into it from the first write on.
  const metrics = new PrometheusMetrics(() => desk.reports);
  // Every store reports its writes here; /healthz answers 503 while one of them is failing (disk full, read-only).
  const health = new StorageHealth(
    (store, problem) =>
      problem === null
        ? logger.info('storage writes work again', { store })
        : logger.error('storage write failed; /healthz reports 503 until a write succeeds', { store, problem }),
    (store) => metrics.storeWriteFailed(store),
  );
  // Content is loaded already: closed again when the stores cannot open (an unmigrated database, a locked DATA_DIR).
  // Email addresses are masked too: the one a customer gives for the answer is kept on the case only.
  const stores = await openAppStores({
    databaseUrl: config.DATABASE_URL,
    databaseConnections: config.DATABASE_CONNECTIONS,
    dataDir: config.DATA_DIR,
    redact: (text) => maskEmailAddresses(maskPersonalData(text).text),
    health,
    verificationLimits: verificationLimitsFrom(config),
    openJournal: overrides.openJournal,
    onStaleLock: (reason) => logger.warn('data folder lock', { reason }),
    onConnectionError: (error) => logger.warn('a PostgreSQL connection was dropped; it is opened again when needed', { error: error.message }),
  }).catch((error: unknown) => {
    content.close();
    throw error;
  });
  // With DATABASE_URL: what makes several instances one service (locks, LISTEN/NOTIFY, shared sessions).
  const instances = stores.postgres && postgresInstances(stores.postgres, logger);
  // What is open so far, closed last-first by close() or when a later part cannot start (e.g. a bad agents file).
  const opened: (() => Promise<void>)[] = [() => stores.close()];
  const closeOpened = async () => {
    for (const close of opened.splice(0).reverse()) await close();
  };
  const closeAndThrow = async (error: unknown): Promise<never> => {
    await closeOpened();
    throw error;
  };
  const verificationAttempts = stores.verificationAttempts;
  const learningInbox = stores.learningInbox;
  const storage = reportingStorage(overrides.storage ?? stores.botState, health);
  const desk = createHandoffDesks(stores.handoff, now);
  const stopCountingHandoffs = metrics.countHandoffsOf(desk.agent, (error) => logger.warn('a handoff was not counted in GET /metrics', { error }));
  opened.push(stopCountingHandoffs);
  const transcripts = stores.transcripts;
  const conversationState = new ConversationState(storage);
  const conversationData = conversationState.createProperty<ConversationData>('vastaa');

  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  });
  const adapter = new MessagesAdapter(auth);
  // Every adapter (this one and each channel's own) runs these first, in this order. The turn timer
  // (GET /metrics) around all the rest, so the latency covers the whole turn. Masking before anything
  // reads the text: the transcript logger must only ever see the masked activity; then the roles, which it
  // records; then the reply shaper, the one place that fits each reply to the conversation's channel
  // (agent replies too).
  // First of all the count of turns in flight (a graceful shutdown waits for them). The customer's
  // typing goes to the agent console and ends there, before the rest: it is no turn, and takes no
  // lock. Then with PostgreSQL the conversation's turn lock, shared by every instance.
  const inFlight = new InFlightTurns();
  const customerTyping = new CustomerTyping(desk.agent, logger, () => now().getTime());
  const turnMiddleware: readonly Middleware[] = [
    inFlight,
    customerTyping,
    ...(instances ? [instances.turnLock] : []),
    new TurnMetricsMiddleware(metrics),
    new PersonalDataMiddleware(),
    new SpeakerRolesMiddleware(),
    new TranscriptLoggerMiddleware(reportingTranscriptLogger(transcripts, health)),
    new ReplyShaper(),
  ];
  for (const middleware of turnMiddleware) adapter.use(middleware);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error('turn failed', { conversation: context.activity.conversation?.id, error, stack: error.stack });
    // Read before the state is cleared; the customer is answered in the language of the conversation.
    const language = await failedTurnLanguage(context, conversationData, config.DEFAULT_LANGUAGE);
    await conversationState.delete(context).catch((secondary: unknown) => logger.error("could not clear the failed turn's state", { error: secondary }));
    try {
      // When nothing can be saved, "send again or ask for a person" would fail the same way: say so honestly.
      // Only the stores' own reports count: an ECONNREFUSED from the order API is not a storage problem.
      const message = health.ok ? 'turn_error' : 'storage_error';
      await context.sendActivity(say(content.messages, message, language));
    } catch (secondary) {
      logger.error('could not tell the customer about the failed turn', { error: secondary });
    }
  };

  const timeZone = () => content.current().content.openingHours?.timezone ?? DEFAULT_TIME_ZONE;
  const proxies = new TrustedProxies(config.TRUSTED_PROXIES);
  const policy = escalationPolicyFrom(config);
  // Without ORDER_API_URL (DEMO on; config refuses it otherwise) the bot asks the demo order API on its own
  // server, so the real client runs end to end; the per-process key keeps everyone else out.
  const demoOrders = config.ORDER_API_URL ? undefined : { file: config.DEMO_ORDERS_FILE, key: randomBytes(32).toString('base64url') };
  const orders = new HttpOrderApi({
    baseUrl: config.ORDER_API_URL ?? (() => `${loopbackUrl(server, config.HOST)}${DEMO_ORDER_API_PATH}`),
    timeoutMs: config.ORDER_API_TIMEOUT_MS,
    token: demoOrders ? demoOrders.key : config.ORDER_API_TOKEN,
  });
  const outages = config.OUTAGE_API_URL ? new HttpOutageFeed(config.OUTAGE_API_URL, config.OUTAGE_API_TIMEOUT_MS) : new FileOutageFeed(config.OUTAGE_FILE);
  logger.info('backends', { outages: outages.source, orders: config.ORDER_API_URL ?? `demo (${config.DEMO_ORDERS_FILE})` });
  if (config.DEMO) {
    logger.warn('DEMO is on: do not face real customers like this. Set NODE_ENV=production (or DEMO=false) with ORDER_API_URL and OUTAGE_API_URL', {
      orders: demoOrders ? `demo order API on this server (${config.DEMO_ORDERS_FILE}, answers only the bot itself)` : 'ORDER_API_URL',
      outages: config.OUTAGE_API_URL ? 'OUTAGE_API_URL' : config.OUTAGE_FILE,
    });
  }
  const router = new ServiceRouter({
    content,
    dialogState: conversationState.createProperty<DialogState>('dialogs'),
    now,
    logger,
    outages,
    orders,
    privacy: { publicChannels: config.PUBLIC_CHANNELS, privateChatUrl: config.PRIVATE_CHAT_URL },
    verificationAttempts,
  });
  // Email needs an SMTP server, and the built-in Direct Line, the one channel that can tell when the
  // customer has left (config refuses SMTP_URL without MAIL_FROM and PUBLIC_URL).
  const emailPossible = config.WEB_CHAT && config.WEBCHAT_DIRECT_LINE === 'builtin';
  const mailer =
    config.SMTP_URL && config.MAIL_FROM && emailPossible ? new ReplyMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM }, content) : undefined;
  const email = mailer ? new EmailOffer(desk.contact) : undefined;
  // Agents on duty are the signed-in ones; the console is built below, after the channels.
  let agentsOnDuty: (() => Promise<number>) | undefined;
  const handoff = new HandoffFlow({
    content,
    desk: desk.customer,
    now,
    upsetThreshold: policy.upsetThreshold,
    agentsOnDuty: () => agentsOnDuty?.(),
    ...(email ? { email } : {}),
  });
  const learning = new LearningRecorder({ inbox: learningInbox, content, now, humanAgentIntent: policy.humanAgentIntent });
  const flow = new ConversationFlow({ router, desk: desk.customer, handoff, policy, learning, ...(email ? { email } : {}) });
  const receipts = new ReadReceipts(desk.contact, now, logger);
  const bot = new VastaaBot({
    conversationState,
    conversationData,
    router,
    flow,
    content,
    transcripts,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    debugTrace: config.DEBUG_TRACE,
    logger,
    onRecognised: (nlu) => metrics.recognised(nlu),
    onEvent: (context) => receipts.onEvent(context),
  });

  // The customer channels, then the senders that reach a conversation outside a turn through its channel.
  const channels = buildChannels(
    {
      turnMiddleware,
      onTurnError: adapter.onTurnError,
      inFlight: inFlight.track,
      logic: (context) => bot.run(context),
      content,
      proxies,
      clock: overrides.directLineClock ?? Date.now,
      now,
      desk: desk.customer,
      transcript: (channelId, conversationId) => transcripts.allActivities(channelId, conversationId),
      directLineLog: instances?.directLineLog,
      ...(instances ? { directLineShared: instances.directLineShared } : {}),
    },
    config,
    logger,
  );
  opened.push(() => channels.close());
  const senders = new ChannelSenders(adapter, config.MicrosoftAppId ?? '', channels.adapters);
  // Whether the customer's page is there (with DATABASE_URL: served by any instance).
  const pages = channels.directLine?.presence;
  const presence = pages ? (conversationId: string) => pages.presence(conversationId) : undefined;
  const delivery = new ReplyDelivery({
    contact: desk.contact,
    ...(instances ? { undelivered: instances.undelivered } : {}),
    ...(presence ? { presence } : {}),
    ...(mailer ? { mailer, chatUrl: `${config.PUBLIC_URL!.replace(/\/$/, '')}/chat` } : {}),
    now,
    logger,
  });
  const onDelivered = (_conversationId: string, ids: string[]) => delivery.delivered(ids);
  pages?.deliveries.on('delivered', onDelivered);
  const stopReceipts = channels.messenger?.onReceipt((receipt) => delivery.messengerReceipt(receipt));
  opened.push(async () => {
    pages?.deliveries.off('delivered', onDelivered);
    stopReceipts?.();
    delivery.close();
    await delivery.settled();
    await instances?.undelivered.close();
    mailer?.close();
  });
  const agents = new AgentActions(desk.agent, senders, content, config.DEFAULT_LANGUAGE, logger, delivery);

  // The console shows the customer typing on any instance (with DATABASE_URL, passed on by a notification).
  const sharedTyping = instances?.customerTyping(customerTyping);
  if (sharedTyping) opened.push(() => sharedTyping.close());
  const typing = sharedTyping ?? customerTyping;
  // The console's live stream shows every instance's case changes.
  const caseChanges = instances?.caseChanges(desk.agent.events, stores.handoff);
  if (caseChanges) opened.push(async () => caseChanges.close());
  const deliveryFailures = [...(channels.messenger ? [channels.messenger] : []), ...(overrides.deliveryFailures ?? [])];
  const agentConsole = config.AGENT_CONSOLE
    ? await buildAgentConsole(
        {
          desk: desk.agent,
          reports: desk.reports,
          agents,
          transcripts,
          proxies,
          now,
          timeZone,
          deliveryFailures,
          customerTyping: typing,
          hoursToday: hoursTodayFrom(() => content.current().content, now),
          intentTitle: (intent, language) => content.current().content.intents.find((candidate) => candidate.name === intent)?.title[language] ?? intent,
          misunderstood: async (period, language) => {
            const titleOf = (intent: string) => content.current().content.intents.find((candidate) => candidate.name === intent)?.title[language] ?? intent;
            return topMisunderstood(await learningInbox.list(), period, titleOf);
          },
          ...(caseChanges ? { caseChanges: caseChanges.feed } : {}),
          ...(instances ? { shared: instances.console } : {}),
        },
        config,
        logger,
      ).catch(closeAndThrow)
    : undefined;
  if (agentConsole) opened.push(() => agentConsole.close());
  if (agentConsole) agentsOnDuty = () => agentConsole.sessions.signedInAgents();
  const queueUpdates = new QueueUpdates({
    customer: desk.customer,
    agent: desk.agent,
    contact: desk.contact,
    sender: senders,
    content,
    expectedWait: (position) => handoff.expectedWait(position),
    minIntervalMs: config.QUEUE_UPDATE_SECONDS * 1000,
    ...(presence ? { presence } : {}),
    emailOn: email !== undefined,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    now,
    logger,
  });
  opened.push(() => queueUpdates.close());

  const studio = agentConsole ? buildStudio({ auth: agentConsole.auth, proxies, content, inbox: learningInbox, policy, now }, config, logger) : [];
  const customerData = new CustomerData(desk.governance, transcripts, storage, learningInbox);

  const server = makeServer(
    {
      maxBodyBytes: config.MAX_BODY_BYTES,
      logger,
      isReady: () => content.ready,
      storageOk: () => health.ok,
      draining: () => draining,
      ...(instances ? { databaseOk: instances.databaseOk } : {}),
      processActivity: messagesEndpoint({
        adapter,
        policy: { mode: config.API_MESSAGES, authenticated: Boolean(config.MicrosoftAppId), servedElsewhere: (channelId) => senders.hasOwnAdapter(channelId) },
        proxies,
        recentActivities: new RecentIds(RECENT_ACTIVITIES),
        logic: (context) => bot.run(context),
        logger,
      }),
    },
    [
      operationsRoutes({
        reports: desk.reports,
        customerData,
        metricsToken: config.METRICS_TOKEN,
        adminToken: config.ADMIN_TOKEN,
        now,
        timeZone,
        metricsReaders: agentConsole ? [agentConsole.metricsReader] : [],
      }),
      prometheusRoute(metrics, config.METRICS_TOKEN),
      ...(demoOrders ? [demoOrderApi({ ...demoOrders, onProblem: (problem) => logger.error(problem) })] : []),
      ...channels.routes,
      ...(agentConsole?.routes ?? []),
      ...studio,
    ],
  );

  if (config.API_MESSAGES === 'open' && !config.MicrosoftAppId) {
    logger.warn(
      'API_MESSAGES=open without MicrosoftAppId: anyone who reaches /api/messages can post as any channel (except Messenger and the built-in Direct Line), open cases and make the bot send to any serviceUrl. Use it only on a closed network; set API_MESSAGES=emulator or MicrosoftAppId otherwise',
    );
  }
  if (config.CONTENT_RELOAD === 'watch') content.watch();
  const retention = () => applyRetention(desk.governance, transcripts, config.RETENTION_DAYS, now(), learningInbox);
  // With PostgreSQL one instance at a time.
  const stopRetention = scheduleRetention(instances ? instances.retention(retention) : retention, RETENTION_EVERY_MS, logger);

  let draining = false;
  const requests = new InFlightRequests(server.server);
  const close = async () => {
    await stopRetention();
    content.close();
    server.close();
    server.server.closeIdleConnections();
    await closeOpened();
  };
  return {
    server,
    content,
    adapter,
    bot,
    senders,
    desk,
    agents,
    transcripts,
    learningInbox,
    customerData,
    channels: { directLine: channels.directLine, messenger: channels.messenger },
    agentConsole: agentConsole && { directory: agentConsole.directory, sessions: agentConsole.sessions, passwordChecks: agentConsole.passwordChecks },
    timeZone,
    now,
    queueUpdates,
    proxies,
    reloadsOnHangUp: config.CONTENT_RELOAD === 'signal' || config.CONTENT_RELOAD === 'watch',
    close,
    async shutdown(graceMs) {
      draining = true;
      server.close();
      server.server.closeIdleConnections();
      const streamsClosed = channels.close();
      // The requests accepted first (a message still being admitted starts its turn later), then the turns.
      const deadline = Date.now() + graceMs;
      const answered = await requests.idle(graceMs);
      const finished = (await inFlight.idle(Math.max(0, deadline - Date.now()))) && answered;
      await streamsClosed;
      if (!finished) logger.warn('shutting down with turns or requests still running', { turns: inFlight.count, requests: requests.count });
      await close();
      return finished;
    },
  };
}

/** The server's own address for calls to itself; a wildcard HOST (0.0.0.0, ::) is reached on loopback. */
function loopbackUrl(server: Server, host: string): string {
  const { port } = server.address();
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}
