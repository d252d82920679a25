import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { hashPassword, installAgentConsole } from '../../bot/agent-console/index.js';
import { readConfig } from '../../bot/config.js';
import { createApp, type App } from '../../bot/create-app.js';
import { listen } from '../../bot/http/http-server.js';
import { CHANNEL_MESSAGES, installChannels } from '../../bot/channels/index.js';
import { createMemoryLogger } from '../../core/index.js';
import { PROJECT_ROOT } from '../support/test-bot.js';

export const EDGE_AGENT = { login: 'vili', name: 'Vili', language: 'fi' as const, password: 'vilin-salasana-123' };
export const EDGE_TOKENS = { admin: 'admin-token-0123456789', metrics: 'metrics-token-0123456789' };
export const MESSENGER_SECRET = 'messenger-app-secret';

export interface EdgeServer {
  url: string;
  app: App;
  logs: string[];
  stop(): Promise<void>;
}

/**
 * Everything a stranger can reach, wired as bot/index.ts does: the bot, the chat page with the
 * built-in Direct Line, self-hosted Messenger and the agent console (agent vili), on a loopback port.
 */
export async function startEdgeServer(env: Record<string, string> = {}): Promise<EdgeServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vastaa-edge-'));
  const { password, ...agent } = EDGE_AGENT;
  await writeFile(path.join(dataDir, 'agents.yaml'), stringify({ version: 1, agents: [{ ...agent, password: await hashPassword(password) }] }));
  const config = readConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    CONTENT_DIR: PROJECT_ROOT,
    CONTENT_RELOAD: 'off',
    LOG_LEVEL: 'debug',
    ADMIN_TOKEN: EDGE_TOKENS.admin,
    METRICS_TOKEN: EDGE_TOKENS.metrics,
    MESSENGER_APP_SECRET: MESSENGER_SECRET,
    MESSENGER_PAGE_ACCESS_TOKEN: 'page-token',
    MESSENGER_VERIFY_TOKEN: 'verify-me',
    MESSENGER_GRAPH_URL: 'http://127.0.0.1:9/v21.0',
    ...env,
  });
  const logger = createMemoryLogger();
  const app = await createApp(config, logger, { requiredMessages: CHANNEL_MESSAGES });
  const channels = installChannels(app, config, logger);
  const agentConsole = await installAgentConsole(app, config, logger, { deliveryFailures: channels.messenger ? [channels.messenger] : [] });
  const { url } = await listen(app.server, 0, '127.0.0.1');
  return {
    url,
    app,
    logs: logger.lines,
    async stop() {
      agentConsole.close();
      channels.close();
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
