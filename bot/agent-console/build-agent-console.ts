import path from 'node:path';
import { slaPolicyFrom, type Config } from '../config.js';
import { conversationKey, type AgentDesk, type CaseChangeFeed, type CaseReports, type ReportPeriod } from '../../handoff/index.js';
import type { TrustedProxies } from '../http/client-address.js';
import type { RouteInstaller } from '../http/http-server.js';
import type { MetricsReader } from '../operations/operations-routes.js';
import type { TranscriptArchive } from '../store/index.js';
import type { AgentActions } from '../turn/agent-actions.js';
import type { CustomerTypingFeed } from '../turn/customer-typing.js';
import type { IntegrationToken } from './integration-tokens.js';
import { serviceMetrics } from '../operations/operations-routes.js';
import type { Language, Logger } from '../../core/index.js';
import { dashboardRoutes } from './dashboard/dashboard-routes.js';
import type { MisunderstoodCluster } from './dashboard/dashboard-page.js';
import { AgentDirectory, type AgentList } from './agent-directory.js';
import { agentApiRoutes } from './agent-api-routes.js';
import { FileAgentPresence, type AgentPresence } from './agent-presence.js';
import { CaseRouter } from './case-router.js';
import { routingApiRoutes } from './routing-api-routes.js';
import type { HoursToday } from './canned-variables.js';
import { CaseHistory } from './case-history.js';
import { caseHistoryRoutes } from './case-history-routes.js';
import { CannedReplies } from './canned-replies.js';
import { SummaryWords } from './summary-words.js';
import { ConsoleAuth } from './console-auth.js';
import { ConsoleEvents } from './console-events.js';
import { consolePageRoutes } from './console-page-routes.js';
import { PasswordCheckPool } from './password-check-pool.js';
import { MemorySessionStore, type SessionStore } from './session-store.js';
import { MemorySignInLimiter, type SignInLimiter, type SignInLimits } from './sign-in-limiter.js';

/** A message a channel could not deliver, as channels report it (e.g. `MessengerAdapter.onSendFailure`). */
export interface DeliveryFailure {
  channelId: string;
  conversationId: string;
  kind: string;
  message: string;
  text?: string;
}

export interface DeliveryFailureSource {
  onSendFailure(listener: (failure: DeliveryFailure) => void): () => void;
}

/** What the agent console takes from the rest of the app. */
export interface AgentConsoleDeps {
  desk: AgentDesk;
  reports: CaseReports;
  /** Agent replies and closing, delivered to the customer's channel. */
  agents: AgentActions;
  transcripts: TranscriptArchive;
  proxies: TrustedProxies;
  now: () => Date;
  /** The service's time zone, for "today" in the metrics. */
  timeZone: () => string;
  /** Channels that report messages they could not deliver; each becomes a note on the open case. */
  deliveryFailures: readonly DeliveryFailureSource[];
  /** Customers typing in a conversation with an open case: the console shows it in the case (event `typing`). */
  customerTyping?: CustomerTypingFeed;
  /** Today's opening hours of a customer's channel, for canned replies' {openingHoursToday}. */
  hoursToday?: HoursToday;
  /** The dashboard's misunderstood questions of a period (the studio's learning inbox, grouped). */
  misunderstood?: (period: ReportPeriod, language: Language) => Promise<MisunderstoodCluster[]>;
  /** An intent's title in a language, for the dashboard ("Laskutus"); the intent's name without it. */
  intentTitle?: (intent: string, language: Language) => string;
  /** What the live stream shows; the desk's own changes unless given (every instance's, with DATABASE_URL). */
  caseChanges?: CaseChangeFeed;
  /** Sessions and sign-in counts shared by the instances (DATABASE_URL); in this process's memory unless given. */
  shared?: {
    sessions(idleMs: number, clock: () => number): SessionStore;
    limiter(limits: SignInLimits, clock: () => number): SignInLimiter;
    /** The agents as published to the database by `npm run agents`. */
    agents: AgentList;
    /** The agents' presence, the same on every instance. */
    presence(options: { offlineAfterMs: number; now: () => Date; logger: Logger }): Promise<AgentPresence>;
  };
}

export interface AgentConsole {
  /** The page at /agent and the agent API under /api/agent, for the server to add. */
  routes: RouteInstaller[];
  /** Lets a signed-in agent read GET /api/metrics. */
  metricsReader: MetricsReader;
  directory: AgentList;
  sessions: SessionStore;
  /** Who is calling, for other pages behind the same sign-in (the studio). */
  auth: ConsoleAuth;
  /** The worker threads that check passwords; its stats show how many ran at once. */
  passwordChecks: PasswordCheckPool;
  close(): Promise<void>;
}

/**
 * Builds the agent console: the page at /agent, the agent API under /api/agent and the service
 * dashboard at /studio/dashboard (dashboard/dashboard-routes.ts),
 * agents from AGENTS_FILE, canned replies from CANNED_REPLIES_FILE, the summary's words from
 * CONTENT_DIR/messages/case-summary.yaml; signed-in agents may also read
 * GET /api/metrics. Messages a channel could not deliver become notes on the customer's open case.
 * Throws (file:line) when the agents, canned-replies or summary words file is invalid.
 */
export async function buildAgentConsole(deps: AgentConsoleDeps, config: Config, logger: Logger): Promise<AgentConsole> {
  const clock = () => deps.now().getTime();
  const directory = deps.shared?.agents ?? (await AgentDirectory.open(config.AGENTS_FILE, logger));
  const canned = await CannedReplies.open(config.CANNED_REPLIES_FILE, logger);
  const summaryWords = await SummaryWords.open(summaryWordsFile(config), logger);
  const sessionMs = config.AGENT_SESSION_HOURS * 3_600_000;
  const sessions = deps.shared ? deps.shared.sessions(sessionMs, clock) : new MemorySessionStore(sessionMs, clock);
  const limits: SignInLimits = {
    freeAttemptsPerLogin: config.AGENT_SIGN_IN_ATTEMPTS,
    firstDelayMs: FIRST_SIGN_IN_DELAY_MS,
    maxDelayMs: config.AGENT_SIGN_IN_MAX_DELAY_SECONDS * 1000,
    attemptsPerAddress: config.AGENT_SIGN_IN_ADDRESS_ATTEMPTS,
    windowMs: config.AGENT_SIGN_IN_WINDOW_MINUTES * 60_000,
  };
  const limiter = deps.shared ? deps.shared.limiter(limits, clock) : new MemorySignInLimiter(limits, clock);
  const passwordChecks = new PasswordCheckPool();
  const proxies = deps.proxies;
  const auth = new ConsoleAuth(sessions, directory, integrationTokensOf(config, logger), proxies, logger);
  if (config.AGENT_SIGN_IN_LOCK_MINUTES !== undefined) {
    logger.warn(
      'AGENT_SIGN_IN_LOCK_MINUTES is now AGENT_SIGN_IN_WINDOW_MINUTES: sign-in no longer locks a login, it slows down (AGENT_SIGN_IN_MAX_DELAY_SECONDS); rename the setting',
    );
  }
  const events = new ConsoleEvents(deps.caseChanges ?? deps.desk.events, sessions);
  // In DATA_DIR for one instance; in the database, the same for every instance, with DATABASE_URL.
  const presenceOptions = { offlineAfterMs: config.AGENT_OFFLINE_AFTER_MINUTES * 60_000, now: deps.now, logger };
  const presence: AgentPresence = deps.shared
    ? await deps.shared.presence(presenceOptions)
    : await FileAgentPresence.open(path.join(config.DATA_DIR, 'agent-presence.json'), presenceOptions);
  const router = new CaseRouter(deps.desk, directory, presence, config.CASE_TEAMS, config.CASE_ROUTING === 'on', logger, async ({ caseId, agent }) => {
    const routedTo = await directory.find(agent);
    if (routedTo) await deps.agents.announceJoined(caseId, { login: routedTo.login, name: routedTo.name });
  });
  if ((await directory.list()).length === 0) {
    logger.warn(
      deps.shared
        ? 'no agents in the database yet: with DATABASE_URL set, run `npm run agents -- publish` (or `npm run agents -- add <login> --name <name>`)'
        : `no agents yet: add one with \`npm run agents -- add <login> --name <name>\` (${config.AGENTS_FILE})`,
    );
  }

  const routes = [
    agentApiRoutes({
      desk: deps.desk,
      agents: deps.agents,
      transcripts: deps.transcripts,
      directory,
      sessions,
      limiter,
      passwordChecks,
      proxies,
      auth,
      events,
      canned,
      summaryWords,
      metrics: () => serviceMetrics(deps.reports, deps.now(), deps.timeZone()),
      sla: slaPolicyFrom(config),
      sessionSeconds: sessionMs / 1000,
      presence,
      router,
      hoursToday: deps.hoursToday,
      now: deps.now,
      logger,
    }),
    routingApiRoutes({ desk: deps.desk, directory, presence, router, auth, proxies, logger }),
    caseHistoryRoutes({
      auth,
      desk: deps.desk,
      history: new CaseHistory({ desk: deps.desk, transcripts: deps.transcripts, sla: slaPolicyFrom(config), now: deps.now, timeZone: deps.timeZone }),
    }),
    consolePageRoutes({ auth, defaultLanguage: config.DEFAULT_LANGUAGE }),
    dashboardRoutes({
      auth,
      reports: deps.reports,
      now: deps.now,
      timeZone: deps.timeZone,
      defaultLanguage: config.DEFAULT_LANGUAGE,
      intentTitle: deps.intentTitle ?? ((intent) => intent),
      transcripts: deps.transcripts,
      ...(deps.misunderstood ? { misunderstood: deps.misunderstood } : {}),
    }),
  ];

  const unsubscribe = deps.deliveryFailures.map((source) => source.onSendFailure((failure) => void noteDeliveryFailure(deps.desk, failure, logger)));
  if (deps.customerTyping) unsubscribe.push(deps.customerTyping.onTyping((signal) => events.broadcast('typing', signal)));

  return {
    routes,
    metricsReader: async (req) => (await auth.callerOf(req)) !== undefined,
    directory,
    sessions,
    auth,
    passwordChecks,
    async close() {
      for (const stop of unsubscribe) stop();
      await router.close();
      await presence.close();
      events.close();
      await passwordChecks.close();
    },
  };
}

/** The words of the case summary sit with the other messages editors own. */
function summaryWordsFile(config: Config): string {
  return path.join(config.CONTENT_DIR, 'messages', 'case-summary.yaml');
}

/** The wait after the first wrong password past AGENT_SIGN_IN_ATTEMPTS; it doubles with each further one. */
const FIRST_SIGN_IN_DELAY_MS = 2_000;

/** AGENT_API_TOKENS, plus the old AGENT_API_TOKEN as a full-scope token for any agent, with a warning. */
function integrationTokensOf(config: Config, logger: Logger): IntegrationToken[] {
  const tokens = [...config.AGENT_API_TOKENS];
  if (config.AGENT_API_TOKEN) {
    logger.warn(
      'AGENT_API_TOKEN is a master key: whoever holds it can act as any agent. Give each integration its own token in AGENT_API_TOKENS (name:scope:token or name:scope:login:token) and remove AGENT_API_TOKEN',
    );
    tokens.push({
      name: 'AGENT_API_TOKEN',
      scope: 'act',
      token: config.AGENT_API_TOKEN,
    });
  }
  return tokens;
}

/** Writes an undelivered message on the open case, so the agent sees it did not reach the customer. */
async function noteDeliveryFailure(desk: AgentDesk, failure: DeliveryFailure, logger: Logger): Promise<void> {
  const key = conversationKey(failure.channelId, failure.conversationId);
  try {
    const conversation = await desk.conversation(key);
    if (!conversation?.openCaseId) return;
    const what = failure.text ? ` "${failure.text.length > 80 ? `${failure.text.slice(0, 79)}…` : failure.text}"` : '';
    await desk.addNote(conversation.openCaseId, 'system', `⚠ ${failure.channelId}: message${what} not delivered (${failure.kind}): ${failure.message}`);
  } catch (error) {
    logger.warn('could not note an undelivered message on its case', {
      conversation: key,
      error,
    });
  }
}
