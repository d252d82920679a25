import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { hashPassword, installAgentConsole, type DeliveryFailureSource, type InstalledAgentConsole } from '../../bot/agent-console/index.js';
import { readConfig, type Config } from '../../bot/config.js';
import { createApp, type App } from '../../bot/create-app.js';
import { listen } from '../../bot/http/http-server.js';
import { createMemoryLogger } from '../../core/index.js';
import { PROJECT_ROOT } from './test-bot.js';

export interface TestAgent {
  login: string;
  name: string;
  language: 'fi' | 'en';
  password: string;
  /** Written to the agents file when set; the file's default is agent. */
  role?: 'agent' | 'supervisor';
}

export const VILI: TestAgent = { login: 'vili', name: 'Vili', language: 'fi', password: 'vilin-salasana-123' };
export const ANNA: TestAgent = { login: 'anna', name: 'Anna', language: 'en', password: 'annas-password-456' };

export interface ConsoleBot {
  url: string;
  app: App;
  console: InstalledAgentConsole;
  config: Config;
  logs: string[];
  dataDir: string;
  /** Signs in through the API and returns the Cookie header value. */
  signIn(agent: TestAgent): Promise<string>;
  /** A JSON request; `cookie` signs it in. */
  call(method: string, route: string, options?: { cookie?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
  /** A customer message through /api/messages, with replies in the response (expectReplies). */
  customerSays(text: string, options: { conversationId: string; serviceUrl?: string; locale?: string }): Promise<any[]>;
  stop(): Promise<void>;
}

/** The real app with the agent console (no customer channels) on a random loopback port, with agents in its own data folder. */
export async function startConsoleBot(
  options: { agents?: TestAgent[]; env?: Record<string, string>; now?: () => Date; deliveryFailures?: DeliveryFailureSource[] } = {},
): Promise<ConsoleBot> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vastaa-console-'));
  const agents = options.agents ?? [VILI, ANNA];
  const entries = await Promise.all(agents.map(async ({ password, ...agent }) => ({ ...agent, password: await hashPassword(password) })));
  await writeFile(path.join(dataDir, 'agents.yaml'), stringify({ version: 1, agents: entries }));
  const config = readConfig({ PORT: '0', DATA_DIR: dataDir, CONTENT_DIR: PROJECT_ROOT, CONTENT_RELOAD: 'off', LOG_LEVEL: 'debug', NLU_CACHE_DIR: process.env.NLU_CACHE_DIR, ...options.env });
  const logger = createMemoryLogger();
  const app = await createApp(config, logger, { now: options.now });
  const installed = await installAgentConsole(app, config, logger, { deliveryFailures: options.deliveryFailures ?? [] });
  const { url } = await listen(app.server, 0, '127.0.0.1');

  const call: ConsoleBot['call'] = async (method, route, { cookie, body, headers = {} } = {}) => {
    const response = await fetch(`${url}${route}`, {
      method,
      // Like the console page in a browser: a POST carries the page's Origin (the console refuses others).
      headers: { ...(method === 'GET' ? {} : { origin: url }), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (HTML, CSS, JS): keep the text
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };

  return {
    url,
    app,
    console: installed,
    config,
    logs: logger.lines,
    dataDir,
    call,
    async signIn(agent) {
      const response = await call('POST', '/api/agent/sign-in', { body: { login: agent.login, password: agent.password } });
      if (response.status !== 200) throw new Error(`sign-in of ${agent.login} answered ${response.status}: ${JSON.stringify(response.body)}`);
      return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
    },
    async customerSays(text, { conversationId, serviceUrl, locale = 'fi-FI' }) {
      const response = await call('POST', '/api/messages', {
        body: {
          type: 'message',
          // The Emulator, which the default API_MESSAGES=emulator accepts (serviceUrl on loopback or none).
          channelId: 'emulator',
          conversation: { id: conversationId },
          from: { id: `user-${conversationId}` },
          recipient: { id: 'bot' },
          locale,
          text,
          deliveryMode: 'expectReplies',
          ...(serviceUrl ? { serviceUrl } : {}),
        },
      });
      if (response.status !== 200 && response.status !== 201 && response.status !== 202) throw new Error(`POST /api/messages answered ${response.status}`);
      return response.body?.activities ?? [];
    },
    async stop() {
      await installed.close();
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
