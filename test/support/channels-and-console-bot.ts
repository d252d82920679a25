import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { hashPassword, installAgentConsole, type InstalledAgentConsole } from '../../bot/agent-console/index.js';
import { readConfig } from '../../bot/config.js';
import { createApp, type App } from '../../bot/create-app.js';
import { listen } from '../../bot/http/http-server.js';
import { CHANNEL_MESSAGES, installChannels, type InstalledChannels } from '../../bot/channels/index.js';
import { createMemoryLogger } from '../../core/index.js';
import { VILI, ANNA } from './console-bot.js';
import { PROJECT_ROOT } from './test-bot.js';

export const MESSENGER_APP_SECRET = 'full-bot-messenger-app-secret';
export const AGENT_API_TOKEN = 'full-bot-agent-api-token-0123456789';

export interface ChannelsAndConsoleBot {
  url: string;
  app: App;
  channels: InstalledChannels;
  agentConsole: InstalledAgentConsole;
  dataDir: string;
  logs: string[];
  /** Every body Messenger's Send API (a loopback stub) was sent. */
  graphCalls: unknown[];
  /** A GET of the agent API as `login` (AGENT_API_TOKEN + X-Agent-Login); fails the test unless 200. */
  agentGet(route: string, login?: string): Promise<any>;
  stop(): Promise<void>;
}

/**
 * The whole server as bot/index.ts wires it: /api/messages, the built-in Direct Line, a Messenger
 * webhook (its Send API a loopback stub) and the agent console with Vili and Anna, on a random
 * loopback port with its own data folder and a debug memory log.
 */
export async function startChannelsAndConsoleBot(options: { now?: () => Date } = {}): Promise<ChannelsAndConsoleBot> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vastaa-full-'));
  const agents = await Promise.all([VILI, ANNA].map(async ({ password, ...agent }) => ({ ...agent, password: await hashPassword(password) })));
  await writeFile(path.join(dataDir, 'agents.yaml'), stringify({ version: 1, agents }));
  const graphCalls: unknown[] = [];
  const graph = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      graphCalls.push(JSON.parse(body || '{}'));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ recipient_id: 'x', message_id: `m_${graphCalls.length}` }));
    });
  });
  const graphUrl = await new Promise<string>((resolve) => graph.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(graph.address() as { port: number }).port}/v21.0`)));
  const config = readConfig({
    PORT: '0', DATA_DIR: dataDir, CONTENT_DIR: PROJECT_ROOT, CONTENT_RELOAD: 'off', LOG_LEVEL: 'debug', NLU_CACHE_DIR: process.env.NLU_CACHE_DIR,
    // Every test conversation starts from this one loopback address; the per-address limit is tested on its own (h5).
    DIRECT_LINE_STARTS_PER_MINUTE: '1000',
    DIRECT_LINE_TOKEN_KEY: 'full-bot-direct-line-token-key-0123456789abcdef',
    MESSENGER_APP_SECRET, MESSENGER_PAGE_ACCESS_TOKEN: 'page-token', MESSENGER_VERIFY_TOKEN: 'verify', MESSENGER_GRAPH_URL: graphUrl,
    AGENT_API_TOKEN,
  });
  const logger = createMemoryLogger();
  const app = await createApp(config, logger, { now: options.now, requiredMessages: CHANNEL_MESSAGES });
  const channels = installChannels(app, config, logger);
  const agentConsole = await installAgentConsole(app, config, logger, { deliveryFailures: channels.messenger ? [channels.messenger] : [] });
  const { url } = await listen(app.server, 0, '127.0.0.1');
  return {
    url, app, channels, agentConsole, dataDir, logs: logger.lines, graphCalls,
    async agentGet(route, login = VILI.login) {
      const response = await fetch(`${url}${route}`, { headers: { authorization: `Bearer ${AGENT_API_TOKEN}`, 'x-agent-login': login } });
      if (response.status !== 200) throw new Error(`GET ${route} answered ${response.status}: ${await response.text()}`);
      return response.json();
    },
    async stop() {
      agentConsole.close();
      channels.close();
      await app.close();
      await new Promise((resolve) => graph.close(resolve));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
