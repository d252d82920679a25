import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { startVastaa, VILI, type Vastaa } from '../../support/vastaa.js';
import { fromServer, WebChatCustomer } from '../../support/web-chat-customer.js';

/** Registers this file's tests; ./turns-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function queueUpdates(): void {
  // Monday 10:00 in Helsinki: agents on duty. The app's clock and the Direct Line's are moved by hand.
  const T0 = Date.parse('2026-11-23T08:00:00Z');
  const clock = { now: new Date(T0) };
  // Set when the bot starts, not when the runner collects the tests: the files before this one take their time.
  const directLine = { ms: 0 };
  const at = (seconds: number) => (clock.now = new Date(T0 + seconds * 1000));

  let bot: Vastaa;
  let cookie: string;
  const customers: WebChatCustomer[] = [];

  beforeAll(async () => {
    directLine.ms = Date.now();
    bot = await startVastaa({
      agents: [VILI],
      now: () => clock.now,
      overrides: { directLineClock: () => directLine.ms },
      env: {
        DIRECT_LINE_STARTS_PER_MINUTE: '1000',
        QUEUE_UPDATE_SECONDS: '60',
        // Email on: nothing is mailed here (the port is closed), but the offer to a customer who left is.
        SMTP_URL: 'smtp://127.0.0.1:9',
        MAIL_FROM: 'asiakaspalvelu@example.fi',
        PUBLIC_URL: 'https://chat.example.fi',
      },
    });
    cookie = await bot.signIn(VILI);
  });

  afterAll(async () => {
    for (const customer of customers) await customer.leave();
    await bot?.stop();
  });

  async function waitingCustomer(): Promise<{ customer: WebChatCustomer; caseId: string }> {
    const customer = await WebChatCustomer.start(bot.url);
    customers.push(customer);
    await customer.say('haluan puhua ihmisen kanssa');
    const caseId = (await bot.app.desk.agent.conversation(`vastaa-directline/${customer.conversationId}`))!.openCaseId!;
    return { customer, caseId };
  }

  /** What the server has sent the customer (welcome and next-step first), from the conversation's own history. */
  async function history(customer: WebChatCustomer): Promise<string[]> {
    return (await customer.client.poll()).body.activities.filter(fromServer).map((activity: Activity) => activity.text ?? '');
  }

  async function claim(caseId: string): Promise<void> {
    expect((await bot.call('POST', `/api/agent/cases/${caseId}/claim`, { cookie })).status).toBe(200);
    await bot.app.queueUpdates.check();
  }

  const update = (position: number) => `Jonotilanne muuttui. Olet nyt sijalla ${position}. En pysty vielä arvioimaan odotusaikaa.`;

  test('a waiting customer is told when their place changes, at most once a minute, and never when it did not', async () => {
    at(0);
    const a = await waitingCustomer();
    const b = await waitingCustomer();
    const c = await waitingCustomer();
    const told = async () => [(await history(b.customer)).slice(2), (await history(c.customer)).slice(2)];

    // A is taken 30 s in: B and C moved up, but they were told their place when they joined.
    at(30);
    await claim(a.caseId);
    expect(await told()).toEqual([[], []]);

    // Once the minute is up, each is told the new place by itself.
    at(61);
    await bot.app.queueUpdates.check();
    expect(await told()).toEqual([[update(1)], [update(2)]]);

    // C asks and the acknowledgement says the place; B is taken soon after: C's move waits for a minute after that answer.
    at(70);
    expect((await c.customer.say('onko jo vuoroni?')).map((activity) => activity.text)).toEqual([
      'Kiitos, lisäsin tämän asiaasi. Asiakaspalvelija vastaa tässä chatissa. Olet jonossa sijalla 2.',
    ]);
    at(80);
    await claim(b.caseId);
    expect((await history(c.customer)).slice(2)).toEqual([
      update(2),
      'Kiitos, lisäsin tämän asiaasi. Asiakaspalvelija vastaa tässä chatissa. Olet jonossa sijalla 2.',
    ]);
    at(131);
    await bot.app.queueUpdates.check();
    expect((await history(c.customer)).at(-1)).toBe(update(1));

    // Nothing changed since: nothing more is said, however long it takes.
    at(600);
    await bot.app.queueUpdates.check();
    expect((await history(c.customer)).at(-1)).toBe(update(1));
    expect((await history(c.customer)).filter((text) => text.startsWith('Jonotilanne'))).toHaveLength(2);
    // B is with an agent now: no queue lines.
    expect((await history(b.customer)).filter((text) => text.startsWith('Jonotilanne'))).toEqual([update(1)]);
  });

  test('within service hours email is offered only once the customer has been away a while, and waits in the chat for them', async () => {
    at(700);
    const { customer, caseId } = await waitingCustomer();
    expect((await history(customer)).filter((text) => text.includes('sähköpost'))).toEqual([]);
    await customer.leave();
    for (let tries = 0; (await bot.app.channels.directLine!.presence.presence(customer.conversationId)).connected && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    directLine.ms += 60_000;
    await bot.app.queueUpdates.check();
    expect((await bot.app.desk.agent.getCase(caseId)).email).toBeUndefined();

    directLine.ms += 90_000;
    await bot.app.queueUpdates.check();
    await bot.app.queueUpdates.check();
    expect((await bot.app.desk.agent.getCase(caseId)).email).toMatchObject({ step: 'offered' });
    const offers = (await history(customer)).filter((text) => text.startsWith('Haluatko vastauksen myös sähköpostiisi?'));
    expect(offers).toHaveLength(1);
    // Customers still on the page were not offered anything.
    for (const other of customers.slice(0, 3)) expect((await history(other)).some((text) => text.includes('sähköpost'))).toBe(false);
  });
}
