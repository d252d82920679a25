import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestBot } from './test-bot.js';

/** What the bot saved for one conversation (data/state/<key>.json), read from the file as it is on disk. */
export async function savedConversation(bot: TestBot, conversationId: string): Promise<{ vastaa?: { details?: Record<string, string> } } & Record<string, unknown>> {
  const file = path.join(bot.dataDir, 'state', `${encodeURIComponent(`emulator/conversations/${conversationId}/`)}.json`);
  return JSON.parse(await readFile(file, 'utf8')) as never;
}
