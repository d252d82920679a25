import http from 'node:http';
import { afterEach, describe, expect, test } from '@jest/globals';
import { readConfig } from '../../bot/config.js';
import { startConsoleBot, VILI, type ConsoleBot } from '../support/console-bot.js';

/** Registers this finding's tests; ./findings-m4-and-later.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function m8SignInLockoutBehindProxy(): void {
  // The review: the lock counted per login and socket address. Behind the README's TLS proxy every
  // client has the proxy's address, so anyone's 5 wrong passwords locked the real agent out for 15
  // minutes; directly exposed, an attacker rotating addresses was never limited. Now a login slows down
  // (capped) wherever the guesses come from, and an address is limited across logins, with the address
  // taken from X-Forwarded-For only when the hop is a trusted proxy. The app's clock is fixed: no sleeps.

  const running: ConsoleBot[] = [];
  afterEach(async () => {
    for (const bot of running.splice(0)) await bot.stop();
  });

  async function botWithClock(env: Record<string, string>) {
    let now = Date.parse('2026-11-27T10:00:00Z');
    const bot = await startConsoleBot({ env, now: () => new Date(now) });
    running.push(bot);
    return { bot, advance: (seconds: number) => (now += seconds * 1000) };
  }

  function signIn(bot: ConsoleBot, login: string, password: string, from: string) {
    return bot.call('POST', '/api/agent/sign-in', { body: { login, password }, headers: { 'x-forwarded-for': from } });
  }

  /** A sign-in sent from another loopback address (Linux routes all of 127/8 to lo), as a rotating attacker would. */
  function signInFrom(bot: ConsoleBot, localAddress: string, body: { login: string; password: string }): Promise<{ status: number; body: any }> {
    const text = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const request = http.request(
        `${bot.url}/api/agent/sign-in`,
        { method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } },
        (response) => {
          let received = '';
          response.on('data', (chunk) => (received += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(received) }));
        },
      );
      request.on('error', reject);
      request.end(text);
    });
  }

  describe('M8: no lockout from behind the proxy', () => {
    test('an attacker guessing vili’s password 15 times can only make the real agent wait at most a minute; then the right password signs in', async () => {
      const { bot, advance } = await botWithClock({ TRUSTED_PROXIES: 'loopback' });
      let guesses = 0;
      while (guesses < 15) {
        const answer = await signIn(bot, 'vili', `guess-${guesses}-xxxxx`, '203.0.113.66');
        if (answer.status === 429) {
          expect(answer.body.error.code).toBe('too_many_attempts');
          advance(Number(answer.headers.get('retry-after')));
          continue;
        }
        expect(answer.status).toBe(401);
        guesses += 1;
      }
      const refused = await signIn(bot, 'vili', VILI.password, '198.51.100.20');
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get('retry-after'));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);
      advance(wait);
      expect((await signIn(bot, 'vili', VILI.password, '198.51.100.20')).status).toBe(200);
    });

    test('the wait doubles after each further wrong password and stops at AGENT_SIGN_IN_MAX_DELAY_SECONDS', async () => {
      const { bot, advance } = await botWithClock({ TRUSTED_PROXIES: 'loopback', AGENT_SIGN_IN_ATTEMPTS: '2', AGENT_SIGN_IN_MAX_DELAY_SECONDS: '10' });
      const waits: number[] = [];
      let guesses = 0;
      while (guesses < 8) {
        const answer = await signIn(bot, 'vili', `guess-${guesses}-xxxxx`, `203.0.113.${guesses + 1}`);
        if (answer.status === 429) {
          waits.push(Number(answer.headers.get('retry-after')));
          advance(waits.at(-1)!);
          continue;
        }
        expect(answer.status).toBe(401);
        guesses += 1;
      }
      expect(waits).toEqual([2, 4, 8, 10, 10, 10]);
    });
  });

  describe('M8: rotating addresses and spraying logins', () => {
    test('five wrong passwords from five real source addresses (127.0.0.2-6, no proxy) slow the login down for a sixth address too', async () => {
      const { bot } = await botWithClock({});
      for (let guess = 0; guess < 5; guess++) {
        expect((await signInFrom(bot, `127.0.0.${guess + 2}`, { login: 'vili', password: `guess-${guess}-xxxxx` })).status).toBe(401);
      }
      const sixth = await signInFrom(bot, '127.0.0.9', { login: 'vili', password: 'guess-6-xxxxx' });
      expect(sixth.status).toBe(429);
      expect(sixth.body.error.message).toContain('for vili');
    });

    test('ten parallel guesses for one login from ten addresses cannot skip the backoff: while one is checked, the others get 429', async () => {
      const { bot } = await botWithClock({ TRUSTED_PROXIES: 'loopback' });
      const answers = await Promise.all(Array.from({ length: 10 }, (_, guess) => signIn(bot, 'vili', `guess-${guess}-xxxxx`, `203.0.113.${guess + 1}`)));
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    });

    test('one address trying many logins is stopped across logins, while another address signs in', async () => {
      const { bot, advance } = await botWithClock({ TRUSTED_PROXIES: 'loopback', AGENT_SIGN_IN_ADDRESS_ATTEMPTS: '5', AGENT_SIGN_IN_WINDOW_MINUTES: '10' });
      for (let login = 0; login < 5; login++) {
        expect((await signIn(bot, `someone-${login}`, 'password-guess', '203.0.113.7')).status).toBe(401);
      }
      const refused = await signIn(bot, 'vili', VILI.password, '203.0.113.7');
      expect(refused.status).toBe(429);
      expect(refused.body.error.message).toContain('from your address');
      expect(Number(refused.headers.get('retry-after'))).toBe(600);
      expect((await signIn(bot, 'vili', VILI.password, '198.51.100.20')).status).toBe(200);
      advance(600);
      expect((await signIn(bot, 'vili', VILI.password, '203.0.113.7')).status).toBe(200);
    });

    test('X-Forwarded-For from a client that is not a trusted proxy is ignored: made-up addresses do not escape the address limit', async () => {
      const { bot } = await botWithClock({ AGENT_SIGN_IN_ADDRESS_ATTEMPTS: '3' });
      for (let login = 0; login < 3; login++) {
        expect((await signIn(bot, `someone-${login}`, 'password-guess', `203.0.113.${login + 1}`)).status).toBe(401);
      }
      expect((await signIn(bot, 'someone-else', 'password-guess', '203.0.113.50')).status).toBe(429);
    });
  });

  describe('M8: settings', () => {
    test('the old AGENT_SIGN_IN_LOCK_MINUTES still sets the window (renamed AGENT_SIGN_IN_WINDOW_MINUTES), and start-up warns about it', async () => {
      expect(readConfig({ AGENT_SIGN_IN_LOCK_MINUTES: '30' }).AGENT_SIGN_IN_WINDOW_MINUTES).toBe(30);
      expect(readConfig({}).AGENT_SIGN_IN_WINDOW_MINUTES).toBe(15);
      const { bot } = await botWithClock({ AGENT_SIGN_IN_LOCK_MINUTES: '30' });
      expect(bot.logs.some((line) => line.includes('AGENT_SIGN_IN_LOCK_MINUTES is now AGENT_SIGN_IN_WINDOW_MINUTES'))).toBe(true);
    });
  });
}
