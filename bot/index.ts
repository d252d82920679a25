// Composition root: the only module with side effects. It reads the configuration, builds the app
// (createApp decides everything else), listens, and closes everything on a signal.
import { createLogger } from '../core/index.js';
import { ConfigError, readConfig } from './config.js';
import { createApp } from './create-app.js';
import { listen } from './http/http-server.js';

/** How long a graceful shutdown waits for running turns; below systemd's 90 s and Kubernetes' 30 s before SIGKILL. */
const SHUTDOWN_GRACE_MS = 20_000;

async function main(): Promise<void> {
  let config;
  try {
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Vastaa cannot start: ${error.message}\nFix the variables above (see .env.example) and start again.\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const app = await createApp(config, logger);
  if (app.reloadsOnHangUp) process.on('SIGHUP', () => void app.content.reload());
  const { url } = await listen(app.server, config.PORT, config.HOST);
  logger.info(`Vastaa is listening on ${url}/api/messages`, {
    auth: config.MicrosoftAppId ? 'on' : 'off (no MicrosoftAppId)',
    apiMessages: config.API_MESSAGES,
    data: config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : config.DATA_DIR,
    reload: config.CONTENT_RELOAD,
    chat: `${url}/chat`,
    agentConsole: `${url}/agent`,
    webChatDirectLine: config.WEBCHAT_DIRECT_LINE,
  });
  let stopping = false;
  const stop = async (signal: string) => {
    // A second signal while draining (an impatient operator) exits at once.
    if (stopping) process.exit(1);
    stopping = true;
    logger.info('shutting down: no new connections, finishing the turns in flight', { signal, graceSeconds: SHUTDOWN_GRACE_MS / 1000 });
    const finished = await app.shutdown(SHUTDOWN_GRACE_MS);
    logger.info('shut down', { allTurnsFinished: finished });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Vastaa cannot start: ${(error as Error).message}\n`);
  process.exit(1);
});
