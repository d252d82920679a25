import type { Config } from '../bot/config.js';
import type { App } from '../bot/create-app.js';
import { serviceMetrics } from '../bot/operations-routes.js';
import type { Logger } from '../core/index.js';
import { AgentDirectory } from './agent-directory.js';
import { agentApiRoutes } from './agent-api-routes.js';
import { CannedReplies } from './canned-replies.js';
import { ConsoleAuth } from './console-auth.js';
import { ConsoleEvents } from './console-events.js';
import { consolePageRoutes } from './console-page-routes.js';
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
  close(): void;
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
  const limiter = new SignInLimiter(config.AGENT_SIGN_IN_ATTEMPTS, config.AGENT_SIGN_IN_LOCK_MINUTES * 60_000, clock);
  const auth = new ConsoleAuth(sessions, directory, config.AGENT_API_TOKEN, app.proxies);
  const events = new ConsoleEvents(app.desk, sessions);
  if ((await directory.list()).length === 0) logger.warn(`no agents yet: add one with \`npm run agents -- add <login> --name <name>\` (${config.AGENTS_FILE})`);

  agentApiRoutes({
    desk: app.desk,
    agents: app.agents,
    transcripts: app.transcripts,
    directory,
    sessions,
    limiter,
    auth,
    events,
    canned,
    metrics: () => serviceMetrics(app.desk, app.now(), app.timeZone()),
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
    close() {
      for (const stop of unsubscribe) stop();
      events.close();
    },
  };
}

/** Writes an undelivered message on the open case, so the agent sees it did not reach the customer. */
async function noteDeliveryFailure(app: App, failure: DeliveryFailure, logger: Logger): Promise<void> {
  const key = `${failure.channelId}/${failure.conversationId}`;
  try {
    const conversation = await app.desk.conversation(key);
    if (!conversation?.openCaseId) return;
    const what = failure.text ? ` "${failure.text.length > 80 ? `${failure.text.slice(0, 79)}…` : failure.text}"` : '';
    await app.desk.addNote(conversation.openCaseId, 'system', `⚠ ${failure.channelId}: message${what} not delivered (${failure.kind}): ${failure.message}`);
  } catch (error) {
    logger.warn('could not note an undelivered message on its case', { conversation: key, error });
  }
}
