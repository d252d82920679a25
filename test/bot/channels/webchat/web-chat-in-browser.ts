import { mkdir } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { releaseChromium, sharedChromium } from '../../../support/browser.js';
import { loadIntents, loadMessages } from '../../../../core/content/index.js';
import { startChannelBot, type ChannelBot } from '../../../support/channel-bot.js';
import { PROJECT_ROOT } from '../../../support/test-bot.js';

/** Registers this file's tests; ./chat-page-in-browser.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function webChatInBrowser(): void {
  // A real browser on the real chat page: Debian's Chromium, never a downloaded one. When it is missing
  // this test fails (it never skips): .ci/run installs it.
  const ARTIFACTS = path.join(PROJECT_ROOT, 'test-artifacts');
  // Monday 23 November 2026, 20:30 in Helsinki: the opening-hours answer is fixed.
  const MONDAY_EVENING = new Date('2026-11-23T18:30:00Z');

  const TIMEOUT = 90_000;
  const VILI = { login: 'vili', name: 'Vili' };

  let bot: ChannelBot;
  let browser: Browser;
  /** The raw connections of the Web Chat streams, to cut them as a network failure would. */
  const streamSockets = new Set<Duplex>();

  beforeAll(async () => {
    bot = await startChannelBot({ now: () => MONDAY_EVENING });
    bot.app.server.server.on('upgrade', (_request: IncomingMessage, socket: Duplex) => {
      streamSockets.add(socket);
      socket.on('close', () => streamSockets.delete(socket));
    });
    browser = await sharedChromium();
  }, TIMEOUT);
  afterAll(async () => {
    await releaseChromium(browser);
    await bot?.stop();
  });

  /** A customer's own browser (cookies, storage) on the chat page; every error it logs is in `errors`. */
  interface Customer {
    page: Page;
    errors: string[];
  }

  let customer: Customer;
  beforeEach(async () => {
    const context = await browser.newContext({ locale: 'fi-FI', viewport: { width: 900, height: 1000 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    customer = { page, errors };
  });
  afterEach(async () => {
    await customer.page.context().close();
  });

  const botMessages = (page = customer.page) => page.locator('.webchat__stacked-layout:not(.webchat__stacked-layout--from-user) .webchat__bubble__content');

  async function send(text: string): Promise<void> {
    const input = customer.page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(text);
    await input.press('Enter');
  }

  /** The chat page's conversation id. */
  function conversationIdOf(page: Page): Promise<string> {
    return page.evaluate(() => (globalThis as unknown as { vastaaChat: { conversationId: string } }).vastaaChat.conversationId);
  }

  /** The customer opens the chat, asks for a person and waits for the next step; the case of this conversation, waiting. */
  async function askForAPerson(): Promise<string> {
    await customer.page.goto(`${bot.url}/`);
    await botMessages().filter({ hasText: 'Hei! Olen Vastaa-botti' }).waitFor();
    await send('haluan puhua ihmiselle');
    await botMessages().filter({ hasText: 'Selvä, ohjaan sinut ihmiselle.' }).waitFor();
    return waitingCaseOf(customer.page);
  }

  async function waitingCaseOf(page: Page): Promise<string> {
    const conversationId = await conversationIdOf(page);
    const waiting = (await bot.app.desk.agent.queue()).find((record) => record.reference.conversation?.id === conversationId);
    expect(waiting?.channelId).toBe('vastaa-directline');
    return waiting!.id;
  }

  /** Vili claims the case and answers; the customer sees the answer. */
  async function viliAnswers(caseId: string, text: string): Promise<void> {
    await bot.app.desk.agent.claim(caseId, 'vili');
    await agentSays(caseId, text);
    await botMessages().filter({ hasText: text }).waitFor();
  }

  async function answersOf(intent: string): Promise<string[]> {
    return (await loadIntents(PROJECT_ROOT)).intents.find((candidate) => candidate.name === intent)!.answers.fi;
  }

  describe('web chat in the browser', () => {
    test(
      'a customer chats in Finnish, clicks a suggestion, asks for a person, gets the next step and hears from the agent by name',
      async () => {
        const { page } = customer;
        await page.goto(`${bot.url}/`);
        await expect(page.title()).resolves.toBe('Asiakaspalvelu');
        await botMessages().filter({ hasText: 'Hei! Olen Vastaa-botti' }).waitFor();

        await send('Mitkä ovat aukioloaikanne?');
        const hours = botMessages().filter({ hasText: 'klo 8' });
        await hours.waitFor();
        // The answer's markdown list is rendered as a list, not as dashes.
        await expect(hours.locator('li').count()).resolves.toBeGreaterThan(1);

        // The hours answer offers its follow-ups as Web Chat's suggested-action buttons; this one starts the order dialog.
        await page.getByRole('toolbar').getByRole('button', { name: 'Tilauksen tila' }).filter({ visible: true }).click();
        const orderAnswer = (await loadMessages(PROJECT_ROOT)).messages.order_ask_number!.fi;
        await botMessages().filter({ hasText: orderAnswer }).waitFor();

        await send('haluan puhua ihmiselle');
        // The handoff's next-step message: a person continues here; outside service hours, when they are back.
        const nextStep = botMessages().filter({ hasText: 'Selvä, ohjaan sinut ihmiselle.' });
        await nextStep.waitFor();
        await expect(nextStep.innerText()).resolves.toContain('Chat on nyt kiinni. Se aukeaa huomenna klo 8.');

        // An agent claims the case and answers, as the agent console does; Web Chat shows the agent's name.
        const caseId = await waitingCaseOf(page);
        await bot.app.desk.agent.claim(caseId, 'vili');
        await agentSays(caseId, 'Hei, olen Vili asiakaspalvelusta. Katson tilaustasi nyt.');
        const agentMessage = page.locator('.webchat__stacked-layout').filter({ hasText: 'Katson tilaustasi nyt' });
        await agentMessage.waitFor();
        // The agent's name heads the message, in bold; the bot's own messages carry no name.
        await expect(agentMessage.locator('.webchat__bubble__content strong').first().innerText()).resolves.toBe('Vili');
        await expect(botMessages().filter({ hasText: orderAnswer }).locator('strong').count()).resolves.toBe(0);

        await mkdir(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: path.join(ARTIFACTS, 'web-chat.png') });
        expect(customer.errors).toEqual([]);
      },
      TIMEOUT,
    );

    test(
      'after a dropped connection Web Chat reconnects and shows what it missed exactly once',
      async () => {
        const caseId = await askForAPerson();
        await viliAnswers(caseId, 'Katson tilaustasi nyt.');
        // The network fails: every stream's connection is cut (the server keeps the conversation).
        expect(streamSockets.size).toBeGreaterThan(0);
        for (const socket of streamSockets) socket.destroy();
        await agentSays(caseId, 'Tilauksesi lähti tänään.');
        // directlinejs waits 3 to 15 seconds before it reconnects.
        await botMessages().filter({ hasText: 'Tilauksesi lähti tänään.' }).waitFor({ timeout: 30_000 });
        // A stream delivers in order: once a later message is shown, a repeat of the missed one would be too.
        await agentSays(caseId, 'Onko muuta kysyttävää?');
        await botMessages().filter({ hasText: 'Onko muuta kysyttävää?' }).waitFor();
        await expect(botMessages().filter({ hasText: 'Tilauksesi lähti tänään.' }).count()).resolves.toBe(1);
        await expect(botMessages().filter({ hasText: 'Katson tilaustasi nyt' }).count()).resolves.toBe(1);
        expect(customer.errors).toEqual([]);
      },
      TIMEOUT,
    );

    test(
      'a reloaded page continues the same conversation with its history and no second welcome',
      async () => {
        const { page } = customer;
        const caseId = await askForAPerson();
        await viliAnswers(caseId, 'Tilauksesi lähti tänään.');
        const before = await conversationIdOf(page);
        await page.reload();
        await botMessages().filter({ hasText: 'Tilauksesi lähti tänään.' }).waitFor();
        expect(await conversationIdOf(page)).toBe(before);
        await expect(botMessages().filter({ hasText: 'Hei! Olen Vastaa-botti' }).count()).resolves.toBe(1);
        // The agent closes the case: the bot asks once for a rating, with buttons.
        await bot.app.agents.close(caseId, VILI, 'Tilauksen toimitus kerrottu');
        await botMessages().filter({ hasText: 'Kuinka hyvin onnistuimme?' }).waitFor();
        await page.getByRole('toolbar').getByRole('button', { name: '5' }).filter({ visible: true }).click();
        await botMessages().filter({ hasText: 'Kiitos arviostasi!' }).waitFor();
        // The resumed conversation still talks: the message is sent once and answered by the bot again.
        await send('kiitos paljon');
        const thanks = await answersOf('thanks');
        await botMessages()
          .filter({ hasText: new RegExp(thanks.map(escape).join('|')) })
          .waitFor();
        await expect(page.locator('.webchat__stacked-layout--from-user').filter({ hasText: 'kiitos paljon' }).count()).resolves.toBe(1);
        expect(customer.errors).toEqual([]);
      },
      TIMEOUT,
    );
  });

  async function agentSays(caseId: string, text: string): Promise<void> {
    await bot.app.agents.reply(caseId, VILI, text);
  }

  function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
}
