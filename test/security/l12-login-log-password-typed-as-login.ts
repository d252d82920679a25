import { afterEach, expect, test } from '@jest/globals';
import { startConsoleBot, VILI, type ConsoleBot } from '../support/console-bot.js';

/** Registers this finding's tests; ./findings-h6-to-l12.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function l12LoginLogPasswordTypedAsLogin(): void {
  // The review: a failed sign-in logged the login as typed, so a password typed into the login field
  // landed in the log. Now an unknown login is logged only as a keyed tag and its length.

  const running: ConsoleBot[] = [];
  afterEach(async () => {
    for (const bot of running.splice(0)) await bot.stop();
  });

  test('a password typed into the login field never reaches the log; the same text gives the same tag, and a known login is logged as is', async () => {
    const bot = await startConsoleBot();
    running.push(bot);
    for (let attempt = 0; attempt < 2; attempt++) {
      expect((await bot.call('POST', '/api/agent/sign-in', { body: { login: VILI.password, password: VILI.password } })).status).toBe(401);
    }
    expect((await bot.call('POST', '/api/agent/sign-in', { body: { login: 'vili', password: 'wrong-password-1' } })).status).toBe(401);

    const refusals = bot.logs.filter((line) => line.includes('agent sign-in refused'));
    expect(refusals).toHaveLength(3);
    expect(bot.logs.join('\n')).not.toContain(VILI.password);
    const tags = refusals.slice(0, 2).map((line) => /tag ([0-9a-f]{12})/.exec(line)?.[1]);
    expect(tags[0]).toBeDefined();
    expect(tags[1]).toBe(tags[0]);
    expect(refusals[2]).toMatch(/login=vili\b/);
  });
}
