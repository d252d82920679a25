import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { startVastaa, type Vastaa } from '../support/vastaa.js';
import { fromServer, WebChatCustomer } from '../support/web-chat-customer.js';

/** Registers this file's tests; test/handoff/handoffs-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function nextStepWithoutEmail(): void {
  // Without SMTP_URL nothing can reach a customer who has left the page: the bot must say to come back,
  // never offer email, and never say the customer need not wait (review problem 1).
  const clock = { now: new Date('2026-11-23T08:00:00Z') };
  let bot: Vastaa;
  const customers: WebChatCustomer[] = [];

  beforeAll(async () => {
    bot = await startVastaa({ now: () => clock.now, env: { DIRECT_LINE_STARTS_PER_MINUTE: '1000' } });
  });

  afterAll(async () => {
    for (const customer of customers) await customer.leave();
    await bot?.stop();
  });

  /** Everything the server has sent the customer so far, from the conversation's own history (not the stream's timing). */
  async function history(customer: WebChatCustomer): Promise<Activity[]> {
    return (await customer.client.poll()).body.activities.filter(fromServer);
  }

  test.each([
    // Monday 10:00 in Helsinki: agents are on duty.
    [
      'fi-FI',
      '2026-11-23T08:00:00Z',
      'haluan puhua ihmisen kanssa',
      'Olet jonossa sijalla',
      'Pidä tämä sivu auki tai palaa myöhemmin tälle sivulle. Vastaus näkyy tässä chatissa.',
    ],
    [
      'en-US',
      '2026-11-23T08:00:00Z',
      'I want to talk to a person',
      'in the queue.',
      'Keep this page open or come back to it later. The answer will appear in this chat.',
    ],
    // Monday 20:00: closed until 8 on Tuesday.
    [
      'fi-FI',
      '2026-11-23T18:00:00Z',
      'haluan puhua ihmisen kanssa',
      'Chat on nyt kiinni.',
      'Pidä tämä sivu auki tai palaa myöhemmin tälle sivulle. Vastaus näkyy tässä chatissa.',
    ],
    [
      'en-US',
      '2026-11-23T18:00:00Z',
      'I want to talk to a person',
      'Chat is closed now.',
      'Keep this page open or come back to it later. The answer will appear in this chat.',
    ],
  ])('without SMTP the web chat customer (%s, %s) is told to come back to this page and is not offered email', async (locale, at, ask, when, comeBack) => {
    clock.now = new Date(at);
    const customer = await WebChatCustomer.start(bot.url, locale);
    customers.push(customer);
    await customer.say(ask, { locale });
    const sent = await history(customer);
    const nextStep = sent.at(-1)!.text ?? '';
    expect(nextStep).toContain(when);
    expect(nextStep).toContain(comeBack);
    expect(nextStep).not.toMatch(/odottaa paikalla|wait here|sähköpost|email/i);
    // One next-step message and nothing more: no email offer.
    expect(sent.filter((activity) => /sähköpost|email/i.test(activity.text ?? ''))).toEqual([]);
    const record = await bot.app.desk.agent.getCase((await bot.app.desk.agent.conversation(`vastaa-directline/${customer.conversationId}`))!.openCaseId!);
    expect(record.email).toBeUndefined();
    // Saying "yes" is no answer to an offer that was never made: it joins the case like any message.
    const [ack] = await customer.say('kyllä', { locale });
    expect(ack!.text).toMatch(/^(Kiitos, lisäsin tämän asiaasi|Thanks, I've added this to your case)/);
  });
}
