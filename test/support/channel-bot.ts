import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CHANNEL_MESSAGES, installChannels, type InstalledChannels } from '../../bot/channels/index.js';
import { readConfig, type Config } from '../../bot/config.js';
import { createApp, type App } from '../../bot/create-app.js';
import { listen } from '../../bot/http/http-server.js';
import { createMemoryLogger } from '../../core/index.js';
import { PROJECT_ROOT } from './test-bot.js';

export interface ChannelBot {
  url: string;
  app: App;
  channels: InstalledChannels;
  config: Config;
  logs: string[];
  stop(): Promise<void>;
}

/** The real app with its customer channels (chat page, Direct Line, Messenger) on a random loopback port, wired as bot/index.ts does. */
export async function startChannelBot(options: { env?: Record<string, string>; now?: () => Date; directLineClock?: () => number } = {}): Promise<ChannelBot> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vastaa-channels-'));
  const config = readConfig({ PORT: '0', DATA_DIR: dataDir, CONTENT_DIR: PROJECT_ROOT, CONTENT_RELOAD: 'off', LOG_LEVEL: 'debug', NLU_CACHE_DIR: process.env.NLU_CACHE_DIR, ...options.env });
  const logger = createMemoryLogger();
  const app = await createApp(config, logger, { now: options.now, requiredMessages: CHANNEL_MESSAGES });
  const channels = installChannels(app, config, logger, { clock: options.directLineClock });
  const { url } = await listen(app.server, 0, '127.0.0.1');
  return {
    url,
    app,
    channels,
    config,
    logs: logger.lines,
    async stop() {
      channels.close();
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
