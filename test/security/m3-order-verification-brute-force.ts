import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mockExternalApis } from '../support/external-apis.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';

/** Registers this finding's tests; ./findings-l8-to-m3.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function m3OrderVerificationBruteForce(): void {
  // Demo orders (demo/orders.json): 123456 is Aino's (postal code 33100), 246810 Matti's (00100).
  const MONDAY_MORNING = new Date('2026-11-23T08:00:00Z');
  const MINUTE = 60_000;
  const HANDED_OFF = /^I couldn't verify the details, so one of our agents will continue this conversation right here\./;
  /** Anything that tells the order's status, i.e. that the details were right. */
  const REVEALED = /on its way|being prepared|expected to arrive|Posti|Track it/;

  mockExternalApis();

  let clock = MONDAY_MORNING;
  const bots: TestBot[] = [];
  const dataDirs: string[] = [];

  async function start(dataDir?: string): Promise<TestBot> {
    const bot = await startTestBot({ now: () => clock, ...(dataDir ? { dataDir } : {}) });
    bots.push(bot);
    return bot;
  }

  beforeEach(() => {
    clock = MONDAY_MORNING;
  });

  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.stop();
    for (const folder of dataDirs.splice(0)) await rm(folder, { recursive: true, force: true });
  });

  /** One customer's conversation: asks about the order, then types each guess; returns every reply. */
  async function attempt(bot: TestBot, who: { conversation: string; customer: string }, order: string, guesses: string[]): Promise<string[]> {
    const fields = { conversationId: who.conversation, from: { id: who.customer } };
    expect((await bot.say(`where is order ${order}`, fields)).join('\n')).toMatch(new RegExp(`order ${order} is yours`));
    const replies: string[] = [];
    for (const guess of guesses) replies.push((await bot.say(guess, fields)).join('\n'));
    return replies;
  }

  describe('M3: order verification cannot be brute-forced across conversations', () => {
    test("the review's attack, two postal-code guesses per new conversation, is locked after three failures in total and handed to a person; the right code later reveals nothing", async () => {
      const bot = await start();
      // 33090, 33091, ...: the right code 33100 is the eleventh guess.
      const guesses = Array.from({ length: 30 }, (_, index) => String(33090 + index));
      const replies: string[] = [];
      for (let round = 0; round < guesses.length / 2; round++) {
        // A new conversation and, as on Direct Line, a new user id each time.
        replies.push(
          ...(await attempt(bot, { conversation: `attack-${round}`, customer: `visitor-${round}` }, '123456', guesses.slice(round * 2, round * 2 + 2))),
        );
      }
      expect(replies.slice(0, 2)).toEqual([expect.stringMatching(/^Those details don't match/), expect.stringMatching(/^Those details don't match/)]);
      expect(replies[2]).toMatch(HANDED_OFF);
      for (const reply of replies) expect(reply).not.toMatch(REVEALED);
      expect(bot.logs.filter((line) => line.includes('order verification failed'))).toHaveLength(3);
      const cases = (await bot.app.desk.agent.queue()).filter((record) => record.signals.includes('sensitive_topic:verification_failed'));
      expect(cases.length).toBeGreaterThanOrEqual(guesses.length / 2 - 1);
      expect(cases[0]).toMatchObject({ reason: 'sensitive_topic', summary: { details: { orderNumber: '123456' } } });
    });

    test('a restart on the same DATA_DIR keeps the count', async () => {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vastaa-m3-'));
      dataDirs.push(dataDir);
      const first = await start(dataDir);
      expect(await attempt(first, { conversation: 'before-1', customer: 'a' }, '123456', ['33000', '33001'])).toEqual([
        expect.stringMatching(/^Those details don't match/),
        expect.stringMatching(/^Those details don't match/),
      ]);
      await first.stop();
      bots.splice(bots.indexOf(first), 1);

      const second = await start(dataDir);
      expect(await attempt(second, { conversation: 'after-1', customer: 'b' }, '123456', ['33002'])).toEqual([expect.stringMatching(HANDED_OFF)]);
      expect(await attempt(second, { conversation: 'after-2', customer: 'c' }, '123456', ['33100'])).toEqual([expect.stringMatching(HANDED_OFF)]);
    });

    test('during the cool-down the right postal code and the right email get the same answer as a wrong one, and the order is not looked up; after it they work', async () => {
      const bot = await start();
      for (const [index, guess] of ['33000', '33001', '33002'].entries())
        await attempt(bot, { conversation: `lock-${index}`, customer: `guesser-${index}` }, '123456', [guess]);

      const wrong = await attempt(bot, { conversation: 'cool-wrong', customer: 'owner-1' }, '123456', ['33003']);
      const rightCode = await attempt(bot, { conversation: 'cool-right-code', customer: 'owner-2' }, '123456', ['33100']);
      const rightEmail = await attempt(bot, { conversation: 'cool-right-email', customer: 'owner-3' }, '123456', ['aino.virtanen@example.com']);
      expect([wrong, rightCode, rightEmail]).toEqual([
        [expect.stringMatching(HANDED_OFF)],
        [expect.stringMatching(HANDED_OFF)],
        [expect.stringMatching(HANDED_OFF)],
      ]);
      // Word for word the same, apart from the queue position.
      const sameAnswer = (reply: string[]) => reply[0]!.replace(/number \d+ in the queue/, 'number N in the queue');
      expect(sameAnswer(rightCode)).toBe(sameAnswer(wrong));
      expect(sameAnswer(rightEmail)).toBe(sameAnswer(wrong));
      expect(bot.logs.filter((line) => line.includes('order verification refused during cool-down'))).toHaveLength(3);

      clock = new Date(MONDAY_MORNING.getTime() + 31 * MINUTE);
      expect(await attempt(bot, { conversation: 'after-cool-down', customer: 'owner-4' }, '123456', ['33100'])).toEqual([
        expect.stringMatching(/^Your order 123456 is on its way\./),
      ]);
    });

    test("another customer's failures on another order do not lock this one", async () => {
      const bot = await start();
      const theirs = await attempt(bot, { conversation: 'other', customer: 'someone-else' }, '246810', ['33000', '33001', '33002']);
      expect(theirs[2]).toMatch(HANDED_OFF);
      expect(await attempt(bot, { conversation: 'mine', customer: 'aino' }, '123456', ['33100'])).toEqual([
        expect.stringMatching(/^Your order 123456 is on its way\./),
      ]);
    });

    test('one customer guessing across many orders is stopped by the per-customer count, even on an order with no failures', async () => {
      const bot = await start();
      const customer = 'collector';
      const replies = [
        ...(await attempt(bot, { conversation: 'orders-1', customer }, '111111', ['33100'])),
        ...(await attempt(bot, { conversation: 'orders-2', customer }, '222222', ['33100'])),
        ...(await attempt(bot, { conversation: 'orders-3', customer }, '333333', ['33100'])),
      ];
      expect(replies).toEqual([
        expect.stringMatching(/^Those details don't match/),
        expect.stringMatching(/^Those details don't match/),
        expect.stringMatching(HANDED_OFF),
      ]);
      expect(await attempt(bot, { conversation: 'orders-4', customer }, '123456', ['33100'])).toEqual([expect.stringMatching(HANDED_OFF)]);
      // Another customer still gets their own order.
      expect(await attempt(bot, { conversation: 'orders-5', customer: 'aino' }, '123456', ['33100'])).toEqual([
        expect.stringMatching(/^Your order 123456 is on its way\./),
      ]);
    });

    test('the counts live in one file in DATA_DIR that names no order number or customer id', async () => {
      const bot = await start();
      await attempt(bot, { conversation: 'file-1', customer: 'visitor-constructor' }, '123456', ['33000']);
      const file = await readFile(path.join(bot.dataDir, 'verification-attempts.json'), 'utf8');
      expect(file).not.toMatch(/123456|visitor/);
      expect((await readdir(bot.dataDir)).filter((name) => name.includes('verification'))).toEqual(['verification-attempts.json']);
    });

    test('a verification-attempts file that is not ours stops start-up, naming the file, and is not overwritten', async () => {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vastaa-m3-'));
      dataDirs.push(dataDir);
      const file = path.join(dataDir, 'verification-attempts.json');
      await writeFile(file, '{"version":1,"entries":{"order:123456":{"failures":[]}}}');
      await expect(start(dataDir)).rejects.toThrow(`the data file ${file} cannot be used`);
      expect(await readFile(file, 'utf8')).toBe('{"version":1,"entries":{"order:123456":{"failures":[]}}}');
    });

    test('failures older than VERIFICATION_WINDOW_HOURS stop counting and are pruned from the file', async () => {
      const bot = await start();
      const mismatch = expect.stringMatching(/^Those details don't match/);
      expect(await attempt(bot, { conversation: 'window-1', customer: 'slow' }, '123456', ['33000', '33001'])).toEqual([mismatch, mismatch]);
      clock = new Date(MONDAY_MORNING.getTime() + 25 * 60 * MINUTE);
      expect(await attempt(bot, { conversation: 'window-2', customer: 'slow' }, '123456', ['33002', '33003'])).toEqual([mismatch, mismatch]);
      const stored = JSON.parse(await readFile(path.join(bot.dataDir, 'verification-attempts.json'), 'utf8')) as {
        entries: Record<string, { failures: number[] }>;
      };
      expect(Object.values(stored.entries).map((entry) => entry.failures.length)).toEqual([2, 2]);
    });
  });
}
