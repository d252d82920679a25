import { afterAll, beforeAll } from '@jest/globals';
import { startTestBot, type TestBot } from './test-bot.js';
import type { VastaaOptions } from './vastaa.js';

/** Monday 23 November 2026, 10:00 in Helsinki: agents (chat) are on duty 8-18, so a handoff gets a queue place. */
export const MONDAY_MORNING = new Date('2026-11-23T08:00:00Z');

/**
 * One bot for a whole test file, started before its tests and stopped after them. Tests then share
 * the server but not their state: each talks in conversations of its own.
 */
export function useSuiteBot(options: VastaaOptions = { now: () => MONDAY_MORNING }): { readonly bot: TestBot } {
  let bot: TestBot | undefined;
  beforeAll(async () => {
    bot = await startTestBot(options);
  });
  afterAll(async () => bot?.stop());
  return {
    get bot(): TestBot {
      if (!bot) throw new Error('useSuiteBot(): the bot starts in beforeAll; use it inside a test');
      return bot;
    },
  };
}
