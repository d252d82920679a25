import { afterEach, describe, expect, test } from '@jest/globals';
import { DUMMY_HASH, verifyPassword } from '../../bot/agent-console/password-hash.js';
import { PasswordCheckPool, PasswordChecksBusyError } from '../../bot/agent-console/password-check-pool.js';
import { startConsoleBot, VILI, type ConsoleBot } from '../support/console-bot.js';

/** Registers this finding's tests; ./findings-c1-to-h5.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function h4SignInFloodThreadPool(): void {
  // The review: every sign-in ran scrypt on libuv's 4-thread pool, the one every file read and write
  // waits in, with no global limit; 32 parallel sign-ins with distinct logins made customer turns 740×
  // slower. Now scrypt runs on a worker-thread pool with a global limit and a bounded queue.

  const running: { stop(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const item of running.splice(0)) await item.stop();
  });

  describe('H4: a flood of sign-ins with distinct logins', () => {
    test('32 parallel sign-ins from 32 addresses: never more password checks at once than the limit, the rest refused at once with 503 and Retry-After, and a customer turn completes', async () => {
      const bot: ConsoleBot = await startConsoleBot({ env: { TRUSTED_PROXIES: 'loopback' } });
      running.push(bot);
      const pool = bot.console.passwordChecks;

      const flood = Array.from({ length: 32 }, (_, index) =>
        bot.call('POST', '/api/agent/sign-in', {
          body: { login: `intruder-${index}`, password: `guess-${index}-xxxxxxxx` },
          headers: { 'x-forwarded-for': `203.0.113.${index + 1}` },
        }),
      );
      const turn = bot.customerSays('mitkä ovat aukioloajat?', { conversationId: 'during-the-flood' });
      const [answers, replies] = await Promise.all([Promise.all(flood), turn]);

      expect(replies.length).toBeGreaterThan(0);
      expect(pool.stats.peakRunning).toBeLessThanOrEqual(pool.options.workers);
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.every((status) => status === 401 || status === 503)).toBe(true);
      const busy = answers.filter((answer) => answer.status === 503);
      expect(busy.length).toBeGreaterThan(0);
      for (const answer of busy) {
        expect(answer.body.error).toMatchObject({ code: 'sign_in_busy', message: expect.stringContaining('try again') });
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      // Refused ones were never hashed; unknown logins that were checked cost a real scrypt each.
      expect(pool.stats.completed).toBe(statuses.filter((status) => status === 401).length);
      expect(pool.stats.refusedBusy).toBe(busy.length);

      // Once the flood has passed, the real agent signs in.
      expect((await bot.call('POST', '/api/agent/sign-in', { body: { login: 'vili', password: VILI.password } })).status).toBe(200);
    });
  });

  describe('H4: the password-check pool', () => {
    const pools: PasswordCheckPool[] = [];
    afterEach(async () => {
      for (const pool of pools.splice(0)) await pool.close();
    });

    test('with one worker and two places in the queue, ten checks at once: three run one after another, seven are refused without hashing', async () => {
      const pool = new PasswordCheckPool({ workers: 1, maxQueued: 2 });
      pools.push(pool);
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => verifyPassword('a-guess', DUMMY_HASH, pool.derive)));
      expect(results.filter((result) => result.status === 'fulfilled').map((result) => (result as PromiseFulfilledResult<boolean>).value)).toEqual([
        false,
        false,
        false,
      ]);
      const refused = results.filter((result) => result.status === 'rejected').map((result) => (result as PromiseRejectedResult).reason);
      expect(refused).toHaveLength(7);
      expect(refused.every((reason) => reason instanceof PasswordChecksBusyError)).toBe(true);
      expect(pool.stats).toEqual({ peakRunning: 1, completed: 3, refusedBusy: 7 });
    });

    test('a check in the worker gives the same answer as one on the thread pool: the right password matches, a wrong one does not', async () => {
      const pool = new PasswordCheckPool({ workers: 1, maxQueued: 0 });
      pools.push(pool);
      const { hashPassword } = await import('../../bot/agent-console/password-hash.js');
      const hash = await hashPassword('oikein-hyvä-salasana', pool.derive);
      expect(await verifyPassword('oikein-hyvä-salasana', hash, pool.derive)).toBe(true);
      expect(await verifyPassword('oikein-hyvä-salasana', hash)).toBe(true);
      expect(await verifyPassword('väärä-salasana', hash, pool.derive)).toBe(false);
    });

    test('closing the pool (shutdown) ends the checks already started and the waiting ones with an error instead of leaving them hanging', async () => {
      const pool = new PasswordCheckPool({ workers: 1, maxQueued: 2 });
      const checks = Array.from({ length: 3 }, () =>
        verifyPassword('a-guess', DUMMY_HASH, pool.derive).then(
          () => 'answered',
          (error: Error) => error.message,
        ),
      );
      await pool.close();
      const outcomes = await Promise.all(checks);
      expect(outcomes.filter((outcome) => outcome !== 'answered').every((outcome) => outcome.includes('the pool is closed'))).toBe(true);
      expect(outcomes.filter((outcome) => outcome !== 'answered')).toHaveLength(3);
    });
  });
}
