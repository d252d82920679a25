import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Activity } from 'botbuilder';
import { stringify } from 'yaml';
import { hashPassword } from '../../bot/agent-console/index.js';
import { readConfig, type Config } from '../../bot/config.js';
import { createApp, type App, type AppOverrides } from '../../bot/create-app.js';
import { listen } from '../../bot/http/http-server.js';
import { createMemoryLogger } from '../../core/index.js';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

export interface TestAgent {
  login: string;
  name: string;
  language: 'fi' | 'en';
  password: string;
  /** Written to the agents file when set; the file's default is agent. */
  role?: 'agent' | 'editor' | 'supervisor' | 'admin';
  /** Routing skills and limit, written when set (the file's defaults: 3, every language, no team). */
  maxChats?: number;
  languages?: ('fi' | 'en')[];
  teams?: string[];
}

export const VILI: TestAgent = { login: 'vili', name: 'Vili', language: 'fi', password: 'vilin-salasana-123' };
export const ANNA: TestAgent = { login: 'anna', name: 'Anna', language: 'en', password: 'annas-password-456' };

export interface VastaaOptions {
  /** Settings on top of the test defaults (random loopback port, own data folder, no reloading, debug log). */
  env?: Record<string, string>;
  /** Gives the test its own copy of intents/, messages/, lexicons/ and the opening hours to edit. */
  copyContent?: boolean;
  /** An existing data folder (e.g. to restart on it); it is left in place on stop. */
  dataDir?: string;
  /** Agents written to the data folder's agents.yaml (none: the console starts with no agents). */
  agents?: readonly TestAgent[];
  /** The clock (tests fix it); defaults to the real time. */
  now?: () => Date;
  /** Pieces of the app to replace, as createApp allows (a failing storage, a moved Direct Line clock). */
  overrides?: AppOverrides;
}

/** Fields of the customer's message to override; `from` needs only an id. */
export type MessageFields = Omit<Partial<Activity>, 'from'> & {
  from?: { id: string; name?: string; role?: string };
  conversationId?: string;
  includeTraces?: boolean;
};

export interface Vastaa {
  url: string;
  /** The app exactly as production builds it (bot/create-app.ts), with the overrides applied. */
  app: App;
  config: Config;
  /** The memory log, one line per entry. */
  logs: string[];
  dataDir: string;
  contentDir: string;
  /**
   * Sends one customer message to /api/messages with deliveryMode expectReplies and returns the bot's
   * replies, shaped for the channel as production shapes them. The Emulator (the default channel) also
   * gets NLU traces; they are left out unless `includeTraces`.
   */
  send(text: string, options?: MessageFields): Promise<Activity[]>;
  /** The message replies' texts only (no traces). */
  say(text: string, options?: MessageFields): Promise<string[]>;
  /**
   * Posts one activity to /api/messages: the Emulator's message of `send` with `fields` merged over it
   * (any field, also malformed ones), and returns the answer whatever it is, for tests of what the
   * endpoint refuses.
   */
  post(fields: Record<string, unknown>): Promise<{ status: number; body: any }>;
  /** A JSON request; `cookie` signs it in. A request other than GET carries the server's Origin, as the console page's do. */
  call(
    method: string,
    route: string,
    options?: { cookie?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  /** Signs an agent in through the API and returns the Cookie header value. */
  signIn(agent: TestAgent): Promise<string>;
  stop(): Promise<void>;
}

let counter = 0;

/**
 * Starts the whole of Vastaa as production does (createApp: channels, agent console, reply shaping,
 * operations) on a random loopback port with its own temporary data folder. The one wiring every
 * test harness uses.
 */
export async function startVastaa(options: VastaaOptions = {}): Promise<Vastaa> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'vastaa-data-')));
  const contentDir = options.copyContent ? await copyOfContent() : PROJECT_ROOT;
  if (options.agents) await writeAgents(dataDir, options.agents);
  const config = readConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    CONTENT_DIR: contentDir,
    CONTENT_RELOAD: 'off',
    LOG_LEVEL: 'debug',
    NLU_CACHE_DIR: process.env.NLU_CACHE_DIR,
    ...options.env,
  });
  const logger = createMemoryLogger();
  const app = await createApp(config, logger, { ...options.overrides, now: options.now ?? options.overrides?.now });
  const { url } = await listen(app.server, 0, '127.0.0.1');
  const conversation = `test-${process.pid}-${++counter}`;

  const call: Vastaa['call'] = async (method, route, { cookie, body, headers = {} } = {}) => {
    const response = await fetch(`${url}${route}`, {
      method,
      // Like the console page in a browser: a POST carries the page's Origin (the console refuses others).
      headers: {
        ...(method === 'GET' ? {} : { origin: url }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(cookie ? { cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await bodyOf(response), headers: response.headers };
  };

  const post: Vastaa['post'] = async (fields) => {
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        // The Emulator with replies in the response: what the default API_MESSAGES=emulator accepts.
        // Tests of other channels start the bot with API_MESSAGES=open and pass channelId.
        channelId: 'emulator',
        conversation: { id: conversation },
        from: { id: 'customer-1' },
        recipient: { id: 'bot' },
        deliveryMode: 'expectReplies',
        ...fields,
      }),
    });
    return { status: response.status, body: await bodyOf(response) };
  };

  const send: Vastaa['send'] = async (text, extra = {}) => {
    const { conversationId, includeTraces = false, ...fields } = extra;
    const answer = await post({ text, ...(conversationId ? { conversation: { id: conversationId } } : {}), ...fields });
    if (answer.status !== 200) throw new Error(`POST /api/messages answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    const { activities } = answer.body as { activities: Activity[] };
    return includeTraces ? activities : activities.filter((activity) => activity.type !== 'trace');
  };

  return {
    url,
    app,
    config,
    logs: logger.lines,
    dataDir,
    contentDir,
    send,
    post,
    async say(text, extra) {
      return (await send(text, extra)).filter((activity) => activity.type === 'message').map((activity) => activity.text ?? '');
    },
    call,
    async signIn(agent) {
      const response = await call('POST', '/api/agent/sign-in', { body: { login: agent.login, password: agent.password } });
      if (response.status !== 200) throw new Error(`sign-in of ${agent.login} answered ${response.status}: ${JSON.stringify(response.body)}`);
      return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
    },
    async stop() {
      await app.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
      if (options.copyContent) await rm(contentDir, { recursive: true, force: true });
    },
  };
}

async function copyOfContent(): Promise<string> {
  const contentDir = await mkdtemp(path.join(os.tmpdir(), 'vastaa-content-'));
  await cp(path.join(PROJECT_ROOT, 'intents'), path.join(contentDir, 'intents'), { recursive: true });
  await cp(path.join(PROJECT_ROOT, 'messages'), path.join(contentDir, 'messages'), { recursive: true });
  await cp(path.join(PROJECT_ROOT, 'hours/opening-hours.yaml'), path.join(contentDir, 'hours/opening-hours.yaml'));
  await cp(path.join(PROJECT_ROOT, 'lexicons'), path.join(contentDir, 'lexicons'), { recursive: true });
  return contentDir;
}

async function writeAgents(dataDir: string, agents: readonly TestAgent[]): Promise<void> {
  const entries = await Promise.all(agents.map(async ({ password, ...agent }) => ({ ...agent, password: await hashPassword(password) })));
  await writeFile(path.join(dataDir, 'agents.yaml'), stringify({ version: 1, agents: entries }));
}

/** A response's JSON, or its text when it is not JSON (HTML, CSS, JS, a bare error string); null when empty. */
async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}
