import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { jest } from '@jest/globals';
import { runCheck } from '../../../tools/cli/check-command.js';

/** Registers this file's tests; test/tools/command-line-tools.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function cliCheckCommandTests(): void {
  const PROJECT_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

  async function check(contentRoot: string): Promise<{ exitCode: number; lines: string[] }> {
    const lines: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((text: unknown) => void lines.push(...String(text).split('\n')));
    try {
      return { exitCode: await runCheck(contentRoot), lines };
    } finally {
      log.mockRestore();
    }
  }

  describe('npm run intents -- check', () => {
    test('prints the problems of every broken file in one run and exits 1', async () => {
      const { exitCode, lines } = await check(path.join(PROJECT_ROOT, 'test/fixtures/content-many-problems'));
      expect(exitCode).toBe(1);
      expect(lines).toEqual(
        expect.arrayContaining([
          'intents/billing.yaml:22: the key `answers` appears twice (also on line 8); keep one',
          'intents/complaint.yaml:9: a tab is used for indenting; use spaces',
          'intents/greeting.yaml:8: examples.en is missing; every language (fi, en) needs its own',
          'intents/thanks.yaml:12: conflict: example "Milloin paketti tulee?" (fi) is also in intents/order_status.yaml:10; keep it in one intent',
          'messages/bot.yaml:6: messages.goodbye.en is missing; every language (fi, en) needs its own',
        ]),
      );
      expect(lines.at(-1)).toMatch(/^\d+ error\(s\), 0 warning\(s\)\. The bot refuses this content until the errors are fixed\.$/);
    });

    test('says OK for the shipped content and exits 0', async () => {
      const { exitCode, lines } = await check(PROJECT_ROOT);
      expect(exitCode).toBe(0);
      expect(lines.at(-1)).toMatch(/^OK: \d+ intents/);
    });
  });
}
