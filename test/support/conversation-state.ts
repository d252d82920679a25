import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { stateFileName } from '../../bot/store/index.js';
import type { TestBot } from './test-bot.js';

/** What the bot saved for one conversation (data/state/<hashed key>.json), read from the file as it is on disk. */
export async function savedConversation(
  bot: TestBot,
  conversationId: string,
  channelId = 'emulator',
): Promise<{ vastaa?: { details?: Record<string, string> } } & Record<string, unknown>> {
  const file = path.join(bot.dataDir, 'state', stateFileName(`${channelId}/conversations/${conversationId}/`));
  return (JSON.parse(await readFile(file, 'utf8')) as { item: never }).item;
}
