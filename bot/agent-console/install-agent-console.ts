import type { Config } from '../config.js';
import type { App } from '../create-app.js';
import type { IntegrationToken } from './integration-tokens.js';
import { serviceMetrics } from '../operations/operations-routes.js';
import type { Logger } from '../../core/index.js';
import { conversationKey } from '../../handoff/index.js';
import { AgentDirectory } from './agent-directory.js';
import { agentApiRoutes } from './agent-api-routes.js';
import { CannedReplies } from './canned-replies.js';
import { ConsoleAuth } from './console-auth.js';
import { ConsoleEvents } from './console-events.js';
import { consolePageRoutes } from './console-page-routes.js';
import { PasswordCheckPool } from './password-check-pool.js';
import { SessionStore } from './session-store.js';
import { SignInLimiter } from './sign-in-limiter.js';

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

export interface InstalledAgentConsole {
  directory: AgentDirectory;
  sessions: SessionStore;
  /** The worker threads that check passwords; its stats show how many ran at once. */
  passwordChecks: PasswordCheckPool;
  close(): Promise<void>;
}

/**
 * Adds the agent console to a built app: the page at /agent and the agent API under /api/agent,
 * agents from AGENTS_FILE, canned replies from CANNED_REPLIES_FILE; signed-in agents may also read
 * GET /api/metrics. Messages a channel could not deliver become notes on the customer's open case.
 * Throws (file:line) when the agents or canned-replies file is invalid.
 */
export async function installAgentConsole(
  app: App,
  config: Config,
  logger: Logger,
  options: { deliveryFailures?: readonly DeliveryFailureSource[] } = {},
): Promise<InstalledAgentConsole> {
  const clock = () => app.now().getTime();
  const directory = await AgentDirectory.open(config.AGENTS_FILE, logger);
  const canned = await CannedReplies.open(config.CANNED_REPLIES_FILE, logger);
  const sessionMs = config.AGENT_SESSION_HOURS * 3_600_000;
  const sessions = new SessionStore(sessionMs, clock);
  const limiter = new SignInLimiter(
    {
      freeAttemptsPerLogin: config.AGENT_SIGN_IN_ATTEMPTS,
      firstDelayMs: FIRST_SIGN_IN_DELAY_MS,
      maxDelayMs: config.AGENT_SIGN_IN_MAX_DELAY_SECONDS * 1000,
      attemptsPerAddress: config.AGENT_SIGN_IN_ADDRESS_ATTEMPTS,
      windowMs: config.AGENT_SIGN_IN_WINDOW_MINUTES * 60_000,
    },
    clock,
  );
  const passwordChecks = new PasswordCheckPool();
  const proxies = app.proxies;
  const auth = new ConsoleAuth(sessions, directory, integrationTokensOf(config, logger), proxies, logger);
  if (config.AGENT_SIGN_IN_LOCK_MINUTES !== undefined) {
    logger.warn('AGENT_SIGN_IN_LOCK_MINUTES is now AGENT_SIGN_IN_WINDOW_MINUTES: sign-in no longer locks a login, it slows down (AGENT_SIGN_IN_MAX_DELAY_SECONDS); rename the setting');
  }
  const events = new ConsoleEvents(app.desk.agent, sessions);
  if ((await directory.list()).length === 0) logger.warn(`no agents yet: add one with \`npm run agents -- add <login> --name <name>\` (${config.AGENTS_FILE})`);

  agentApiRoutes({
    desk: app.desk.agent,
    agents: app.agents,
    transcripts: app.transcripts,
    directory,
    sessions,
    limiter,
    passwordChecks,
    proxies,
    auth,
    events,
    canned,
    metrics: () => serviceMetrics(app.desk.reports, app.now(), app.timeZone()),
    sessionSeconds: sessionMs / 1000,
    now: app.now,
    logger,
  })(app.server);
  consolePageRoutes({ auth, defaultLanguage: config.DEFAULT_LANGUAGE })(app.server);
  app.metricsReaders.push(async (req) => (await auth.callerOf(req)) !== undefined);

  const unsubscribe = (options.deliveryFailures ?? []).map((source) =>
    source.onSendFailure((failure) => void noteDeliveryFailure(app, failure, logger)),
  );

  return {
    directory,
    sessions,
    passwordChecks,
    async close() {
      for (const stop of unsubscribe) stop();
      events.close();
      await passwordChecks.close();
    },
  };
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
    tokens.push({ name: 'AGENT_API_TOKEN', scope: 'act', token: config.AGENT_API_TOKEN });
  }
  return tokens;
}

/** Writes an undelivered message on the open case, so the agent sees it did not reach the customer. */
async function noteDeliveryFailure(app: App, failure: DeliveryFailure, logger: Logger): Promise<void> {
  const key = conversationKey(failure.channelId, failure.conversationId);
  try {
    const conversation = await app.desk.agent.conversation(key);
    if (!conversation?.openCaseId) return;
    const what = failure.text ? ` "${failure.text.length > 80 ? `${failure.text.slice(0, 79)}…` : failure.text}"` : '';
    await app.desk.agent.addNote(conversation.openCaseId, 'system', `⚠ ${failure.channelId}: message${what} not delivered (${failure.kind}): ${failure.message}`);
  } catch (error) {
    logger.warn('could not note an undelivered message on its case', { conversation: key, error });
  }
}
