import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Activity } from 'botbuilder';
import { readConfig, type Config } from '../../bot/config.js';
import { createApp, type App, type AppOverrides } from '../../bot/create-app.js';
import { listen } from '../../bot/http/http-server.js';
import { createMemoryLogger } from '../../core/index.js';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

export interface TestBot {
  url: string;
  app: App;
  config: Config;
  logs: string[];
  dataDir: string;
  contentDir: string;
  /**
   * Sends one customer message with deliveryMode expectReplies and returns the bot's replies. The
   * Emulator (the default channel) also gets NLU traces; they are left out unless `includeTraces`.
   */
  send(text: string, options?: MessageFields): Promise<Activity[]>;
  /** The message replies' texts only (no traces). */
  say(text: string, options?: MessageFields): Promise<string[]>;
  stop(): Promise<void>;
}

/** Fields of the customer's message to override; `from` needs only an id. */
export type MessageFields = Omit<Partial<Activity>, 'from'> & { from?: { id: string; name?: string; role?: string }; conversationId?: string; includeTraces?: boolean };

let counter = 0;

/**
 * Starts the real bot on a random loopback port with its own temporary data folder.
 * `copyContent` gives the test its own copy of intents/ and messages/ to edit.
 */
export async function startTestBot(
  options: {
    env?: Record<string, string>;
    copyContent?: boolean;
    now?: () => Date;
    /** An existing data folder (e.g. to restart on it); it is left in place on stop. */
    dataDir?: string;
    /** Pieces of the app to replace (e.g. a storage that fails like a full disk). */
    overrides?: AppOverrides;
  } = {},
): Promise<TestBot> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'vastaa-data-')));
  let contentDir = PROJECT_ROOT;
  if (options.copyContent) {
    contentDir = await mkdtemp(path.join(os.tmpdir(), 'vastaa-content-'));
    await cp(path.join(PROJECT_ROOT, 'intents'), path.join(contentDir, 'intents'), { recursive: true });
    await cp(path.join(PROJECT_ROOT, 'messages'), path.join(contentDir, 'messages'), { recursive: true });
    await cp(path.join(PROJECT_ROOT, 'hours/opening-hours.yaml'), path.join(contentDir, 'hours/opening-hours.yaml'));
    await cp(path.join(PROJECT_ROOT, 'lexicons'), path.join(contentDir, 'lexicons'), { recursive: true });
  }
  const config = readConfig({ PORT: '0', DATA_DIR: dataDir, CONTENT_DIR: contentDir, CONTENT_RELOAD: 'off', LOG_LEVEL: 'debug', NLU_CACHE_DIR: process.env.NLU_CACHE_DIR, ...options.env });
  const logger = createMemoryLogger();
  const app = await createApp(config, logger, { ...options.overrides, now: options.now });
  const { url } = await listen(app.server, 0, '127.0.0.1');
  const conversation = `test-${process.pid}-${++counter}`;

  const send = async (text: string, extra: MessageFields = {}): Promise<Activity[]> => {
    const { conversationId, includeTraces = false, ...fields } = extra;
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        // The Emulator with replies in the response: what the default API_MESSAGES=emulator accepts.
        // Tests of other channels start the bot with API_MESSAGES=open and pass channelId.
        channelId: 'emulator',
        conversation: { id: conversationId ?? conversation },
        from: { id: 'customer-1' },
        recipient: { id: 'bot' },
        deliveryMode: 'expectReplies',
        text,
        ...fields,
      }),
    });
    if (response.status !== 200) throw new Error(`POST /api/messages answered ${response.status}: ${await response.text()}`);
    const { activities } = (await response.json()) as { activities: Activity[] };
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
    async say(text, extra) {
      return (await send(text, extra)).filter((activity) => activity.type === 'message').map((activity) => activity.text ?? '');
    },
    async stop() {
      await app.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
      if (options.copyContent) await rm(contentDir, { recursive: true, force: true });
    },
  };
}
