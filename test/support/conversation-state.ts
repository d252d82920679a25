import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestBot } from './test-bot.js';

/** What the bot saved for one conversation (data/state.json), read from the file as it is on disk. */
export async function savedConversation(bot: TestBot, conversationId: string): Promise<{ vastaa?: { details?: Record<string, string> } } & Record<string, unknown>> {
  const state = JSON.parse(await readFile(path.join(bot.dataDir, 'state.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  const items = (Object.values(state).find((value) => typeof value === 'object' && value !== null && Object.keys(value).some((key) => key.includes('/conversations/'))) ?? state) as Record<string, unknown>;
  const key = Object.keys(items).find((candidate) => candidate.endsWith(`/conversations/${conversationId}/`));
  if (!key) throw new Error(`savedConversation(): no saved state for conversation ${conversationId}`);
  return items[key] as never;
}
