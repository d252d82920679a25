import { afterEach, describe, expect, test } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { CaseConflictError, NotYourCaseError, type HandoffMetrics } from '../../handoff/index.js';
import { startFakeChannel, type FakeChannel } from '../support/fake-channel.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';

/** Registers this file's tests; test/handoff/upset-waiting-and-customer-data-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function waitingAndAgents(): void {
  const METRICS_TOKEN = 'metrics-token-0123456789';
  const running: { stop(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const item of running.splice(0)) await item.stop();
  });

  async function botAt(clock: { now: Date }, env: Record<string, string> = {}): Promise<TestBot> {
    const bot = await startTestBot({ now: () => clock.now, env: { METRICS_TOKEN, ...env } });
    running.push(bot);
    return bot;
  }

  async function channel(): Promise<FakeChannel> {
    const fake = await startFakeChannel();
    running.push({ stop: () => fake.close() });
    return fake;
  }

  const texts = (activities: Activity[]) => activities.filter((a) => a.type === 'message').map((a) => a.text ?? '');
  const caseIdOf = (activities: Activity[]) => activities.find((a) => a.name === 'handoff.initiate')?.value.caseId as string;

  function customerOf(bot: TestBot, id: string, locale = 'fi-FI', serviceUrl?: string) {
    return (text: string, extra: Partial<Activity> = {}) =>
      bot.send(text, { conversationId: id, from: { id: `user-${id}` }, locale, ...(serviceUrl ? { serviceUrl } : {}), ...extra });
  }

  const minutes = (n: number) => n * 60_000;

  describe('while waiting for a person', () => {
    test('the customer learns their place; an upset customer goes ahead of calmer ones', async () => {
      const bot = await botAt({ now: new Date('2026-11-23T08:00:00Z') });
      expect(texts(await customerOf(bot, 'a')('haluan puhua ihmisen kanssa'))[0]).toContain('Olet jonossa sijalla 1.');
      expect(texts(await customerOf(bot, 'b', 'en-US')('I want to talk to a person'))[0]).toContain('You are number 2 in the queue.');
      const upset = customerOf(bot, 'c');
      await upset('tämä on jo kolmas kerta kun kysyn');
      expect(texts(await upset('eikä kukaan vastaa'))[0]).toContain('Olet jonossa sijalla 1.');
      expect((await bot.app.desk.agent.queue()).map((record) => record.conversationKey)).toEqual(['emulator/c', 'emulator/a', 'emulator/b']);
    });

    test('messages are added to the case and acknowledged, not answered by the bot; "peru" gives the customer back to the bot', async () => {
      const bot = await botAt({ now: new Date('2026-11-23T08:00:00Z') });
      const customer = customerOf(bot, 'waiting');
      const caseId = caseIdOf(await customer('haluan puhua ihmisen kanssa'));

      const whileWaiting = await customer('mitkä ovat aukioloaikanne?');
      expect(texts(whileWaiting)).toEqual(['Kiitos, lisäsin tämän asiaasi. Asiakaspalvelija vastaa tässä chatissa. Olet jonossa sijalla 1.']);
      await bot.app.transcripts.flush();
      const transcript = await bot.app.transcripts.allActivities('emulator', 'waiting');
      expect(transcript.map((a) => a.text)).toContain('mitkä ovat aukioloaikanne?');

      expect(texts(await customer('peru'))).toEqual(['Selvä, peruin pyynnön. Miten voin auttaa?']);
      expect(await bot.app.desk.agent.getCase(caseId)).toMatchObject({ status: 'abandoned' });
      expect(texts(await customer('mitkä ovat aukioloaikanne?'))[0]).toMatch(/auki|kiinni/);
      expect((await bot.app.desk.agent.conversation('emulator/waiting'))?.outcome).toBe('abandoned');
    });

    test('the cancel button cancels the request in English too', async () => {
      const bot = await botAt({ now: new Date('2026-11-23T08:00:00Z') });
      const customer = customerOf(bot, 'button', 'en-US');
      const handoff = await customer('I want to talk to a person');
      const button = handoff.find((a) => a.type === 'message')?.suggestedActions?.actions[0];
      expect(button?.title).toBe('Cancel request');
      expect(texts(await customer(String(button?.text), { value: button?.value }))).toEqual(["OK, I've cancelled the request. How can I help?"]);
    });

    test.each([
      // Monday 20:00 in Helsinki: chat closed since 18, opens 8 on Tuesday.
      [
        'fi-FI',
        '2026-11-23T18:00:00Z',
        'haluan puhua ihmisen kanssa',
        'Chat on nyt kiinni. Se aukeaa huomenna klo 8. Asiakaspalvelijamme vastaa sinulle silloin tässä chatissa.',
      ],
      [
        'en-US',
        '2026-11-23T18:00:00Z',
        'I want to talk to a person',
        'Chat is closed now. It opens at 8:00 tomorrow. One of our agents will answer you in this chat then.',
      ],
      // Midsummer Eve 2026 (Friday 19 June) 23:00: the chat is closed on Midsummer Day, opens Sunday 10.
      ['fi-FI', '2026-06-19T20:00:00Z', 'haluan puhua ihmisen kanssa', 'Chat on nyt kiinni. Se aukeaa sunnuntaina klo 10.'],
    ])('outside service hours the next-step message names when agents are back (%s, %s)', async (locale, at, text, expected) => {
      const bot = await botAt({ now: new Date(at) });
      const [message] = texts(await customerOf(bot, 'late', locale)(text));
      expect(message).toContain(expected);
      expect(message).not.toMatch(/jonossa|queue/);
      // The old promise: the customer could leave and the answer would still reach them (it did not).
      expect(message).not.toMatch(/odottaa paikalla|wait here/);
    });

    test('the expected wait is the recent median time for an agent to pick up a case', async () => {
      const clock = { now: new Date('2026-11-23T08:00:00Z') };
      const bot = await botAt(clock);
      // Three earlier cases picked up after 4, 6 and 10 minutes: median 6.
      for (const [index, wait] of [4, 6, 10].entries()) {
        clock.now = new Date(Date.parse('2026-11-23T08:00:00Z') + minutes(index * 20));
        const caseId = caseIdOf(await customerOf(bot, `earlier-${index}`)('haluan puhua ihmisen kanssa'));
        clock.now = new Date(clock.now.getTime() + minutes(wait));
        await bot.app.desk.agent.claim(caseId, 'vili');
      }
      const [message] = texts(await customerOf(bot, 'now-waiting')('haluan puhua ihmisen kanssa'));
      expect(message).toContain('Olet jonossa sijalla 1. Odotusaika on nyt noin 6 min.');
    });
  });

  describe('agents answer and close', () => {
    test('the agent reply reaches the customer signed with the name; after closing the bot asks once for a rating', async () => {
      const clock = { now: new Date('2026-11-23T08:00:00Z') };
      const bot = await botAt(clock);
      const fake = await channel();
      const customer = customerOf(bot, 'agent-flow', 'fi-FI', fake.serviceUrl);
      const caseId = caseIdOf(await customer('haluan puhua ihmisen kanssa'));

      clock.now = new Date(clock.now.getTime() + minutes(3));
      await bot.app.desk.agent.claim(caseId, 'vili');
      clock.now = new Date(clock.now.getTime() + minutes(2));
      await bot.app.agents.reply(caseId, { login: 'vili', name: 'Vili' }, 'Hei, autan mielelläni. Mistä on kyse?');
      const delivered = await fake.waitFor((a) => a.type === 'message');
      expect(delivered.text).toBe('Hei, autan mielelläni. Mistä on kyse?\n\n– Vili');
      expect(delivered.from.name).toBe('Vili');

      // The bot never answers over a person.
      expect(await customer('mitkä ovat aukioloaikanne?')).toEqual([]);

      await bot.app.agents.close(caseId, { login: 'vili', name: 'Vili' }, 'Neuvottu aukioloajat');
      const prompt = await fake.waitFor((a) => a.type === 'message' && (a.text ?? '').includes('1–5'));
      expect(prompt.suggestedActions?.actions.map((action) => action.title)).toEqual(['1', '2', '3', '4', '5']);

      expect(texts(await customer('5'))).toEqual(['Kiitos arviostasi! Kirjoita, jos voin auttaa vielä jossain.']);
      // Once only: the next "5" is an ordinary message for the bot again.
      expect(texts(await customer('5'))[0]).not.toContain('Kiitos arviostasi');

      const conversation = await bot.app.desk.agent.conversation('emulator/agent-flow');
      expect(conversation?.ownerHistory.map((change) => `${change.from}>${change.to}`)).toEqual(['bot>queued', 'queued>agent', 'agent>closed', 'closed>bot']);
      expect(conversation?.rating?.score).toBe(5);

      const response = await fetch(`${bot.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      const metrics = (await response.json()) as HandoffMetrics;
      expect(metrics).toMatchObject({
        conversations: { total: 1, handedOff: 1, handoffRate: 100 },
        handoffsByReason: { customer_request: 1 },
        timeToPickUp: { medianSeconds: 180 },
        timeToFirstAgentReply: { medianSeconds: 300 },
        ratings: { count: 1, average: 5 },
      });
    });

    test('exactly one of two agents wins a race to claim a case; the other cannot act on it', async () => {
      const bot = await botAt({ now: new Date('2026-11-23T08:00:00Z') });
      const caseId = caseIdOf(await customerOf(bot, 'race')('haluan puhua ihmisen kanssa'));
      const results = await Promise.allSettled([bot.app.desk.agent.claim(caseId, 'vili'), bot.app.desk.agent.claim(caseId, 'anna')]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(CaseConflictError);
      const winner = (await bot.app.desk.agent.getCase(caseId)).agent!;
      const loser = winner === 'vili' ? 'anna' : 'vili';
      await expect(bot.app.agents.reply(caseId, { login: loser, name: loser }, 'hei')).rejects.toBeInstanceOf(NotYourCaseError);
      await expect(bot.app.desk.agent.close(caseId, loser, 'x')).rejects.toBeInstanceOf(NotYourCaseError);
    });
  });

  describe('GET /api/metrics', () => {
    test('refuses requests without the metrics token', async () => {
      const bot = await botAt({ now: new Date('2026-11-23T08:00:00Z') });
      expect((await fetch(`${bot.url}/api/metrics`)).status).toBe(401);
      expect((await fetch(`${bot.url}/api/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    });

    test('counts each conversation once, so contained, handed-off and abandoned add up to 100 %', async () => {
      const bot = await botAt({ now: new Date('2026-11-23T08:00:00Z') });
      await customerOf(bot, 'contained')('mitkä ovat aukioloaikanne?');
      await customerOf(bot, 'contained')('kiitos');
      await customerOf(bot, 'handed-off')('haluan puhua ihmisen kanssa');
      await customerOf(bot, 'abandoned')('haluan puhua ihmisen kanssa');
      await customerOf(bot, 'abandoned')('peru');
      const metrics = (await (await fetch(`${bot.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).json()) as HandoffMetrics;
      expect(metrics.conversations).toEqual({
        total: 3,
        contained: 1,
        handedOff: 1,
        abandoned: 1,
        containmentRate: 33.4,
        handoffRate: 33.3,
        abandonRate: 33.3,
      });
      expect(metrics.queue).toMatchObject({ waiting: 1, assigned: 0, longestWaitSeconds: 0 });
      expect(metrics.today.handoffs).toBe(2);
    });
  });
}
