import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { releaseChromium, sharedChromium } from '../../../support/browser.js';
import { ANNA, startConsoleBot, VILI, type ConsoleBot } from '../../../support/console-bot.js';
import { PROJECT_ROOT } from '../../../support/test-bot.js';

/** Registers this file's tests; ./chat-identity-and-presence-in-browser.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function agentPresenceInBrowser(): void {
  // The customer in the real chat page and the agent in the real console, both in Debian's Chromium:
  // the customer knows who is talking (event lines, the agent's name and avatar, typing) and the agent
  // sees the customer typing. When Chromium is missing this test fails (it never skips).
  const ARTIFACTS = path.join(PROJECT_ROOT, 'test-artifacts');
  const TIMEOUT = 120_000;

  let bot: ConsoleBot;
  let browser: Browser;
  let customer: Page;
  let agent: Page;
  const errors: string[] = [];

  async function pageFor(locale: string): Promise<Page> {
    const page = await (await browser.newContext({ locale, viewport: { width: 1100, height: 900 } })).newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    return page;
  }

  beforeAll(async () => {
    bot = await startConsoleBot({ agents: [VILI, ANNA] });
    browser = await sharedChromium();
    [customer, agent] = await Promise.all([pageFor('fi-FI'), pageFor('fi-FI')]);
  }, TIMEOUT);
  afterAll(async () => {
    await releaseChromium(browser);
    await bot?.stop();
  });

  const bubbles = () => customer.locator('.webchat__stacked-layout .webchat__bubble__content');
  const eventLine = (text: string) => customer.locator('.vastaa-event-line', { hasText: text });
  /** Web Chat's row of one message: its avatar gutter and bubble. */
  const rowOf = (text: string) =>
    customer.locator('.webchat__stacked-layout').filter({ has: customer.locator('.webchat__bubble__content', { hasText: text }) });

  async function customerSends(text: string): Promise<void> {
    const input = customer.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(text);
    await input.press('Enter');
  }

  test(
    'the customer sees who joins, types, answers, transfers and leaves; the agent sees the customer typing',
    async () => {
      await customer.goto(`${bot.url}/chat`);
      await bubbles().filter({ hasText: 'Hei! Olen Vastaa-botti' }).waitFor();
      await customerSends('haluan puhua ihmiselle');
      await bubbles().filter({ hasText: 'Selvä, ohjaan sinut ihmiselle.' }).waitFor();
      const conversationId = await customer.evaluate(() => (globalThis as unknown as { vastaaChat: { conversationId: string } }).vastaaChat.conversationId);
      const caseId = (await bot.app.desk.agent.queue()).find((record) => record.reference.conversation?.id === conversationId)!.id;

      // Vili signs in and claims the case in the console: the customer reads that he joined, as a centred line.
      await agent.goto(`${bot.url}/agent#${caseId}`);
      await agent.getByLabel('Käyttäjätunnus').fill(VILI.login);
      await agent.getByLabel('Salasana').fill(VILI.password);
      await agent.getByLabel('Salasana').press('Enter');
      await agent.locator('#live', { hasText: 'Ajan tasalla' }).waitFor();
      await agent.getByRole('heading', { name: new RegExp(caseId) }).waitFor();
      await agent.getByRole('button', { name: 'Ota asia' }).click();
      await agent.locator('.case-status', { hasText: 'Asia on sinulla.' }).waitFor();
      const joined = eventLine('Vili liittyi keskusteluun.');
      await joined.waitFor();
      // A line, not a bubble: no avatar and no bubble around it.
      await expect(joined.locator('xpath=ancestor::*[contains(@class,"webchat__stacked-layout")]').count()).resolves.toBe(0);

      // The customer types (without sending): Vili sees it in the open case.
      await customer.locator('[data-id="webchat-sendbox-input"]').pressSequentially('tilaukseni', { delay: 20 });
      await agent.locator('#customer-typing', { hasText: 'Asiakas kirjoittaa…' }).waitFor();
      await customer.locator('[data-id="webchat-sendbox-input"]').fill('');

      // Vili types: the customer sees the typing indicator.
      await agent.locator('#reply-text').pressSequentially('Hei, olen Vili', { delay: 20 });
      await customer.locator('.webchat__typing-indicator').waitFor();

      // Vili's answer comes under his own name and initials, apart from the bot's messages.
      await agent.locator('#reply-text').press('Enter');
      const viliRow = rowOf('Hei, olen Vili');
      await viliRow.waitFor();
      await expect(viliRow.locator('.webchat__bubble__content strong').first().innerText()).resolves.toBe('Vili');
      await expect(viliRow.locator('.vastaa-avatar').innerText()).resolves.toBe('VI');
      await expect(rowOf('Selvä, ohjaan sinut ihmiselle.').locator('.webchat__initialsAvatar').innerText()).resolves.toBe('Va');

      // Screen readers hear who said each message, from the accessibility tree (Web Chat's "Botti Va sanoi:" is gone).
      const tree = await customer.locator('.webchat__basic-transcript').ariaSnapshot();
      expect(tree).toMatch(/article "Asiakaspalvelija Vili sanoi: Hei, olen Vili/);
      expect(tree).toMatch(/article "Botti Vastaa sanoi: Selvä, ohjaan sinut ihmiselle\./);
      expect(tree).toMatch(/article "Vili liittyi keskusteluun\."/);
      expect(tree).not.toMatch(/Botti Va sanoi/);

      // The typing signals of both sides were never stored.
      const transcript = await bot.app.transcripts.allActivities('vastaa-directline', conversationId);
      expect(transcript.filter((activity) => activity.type === 'typing')).toEqual([]);

      // Vili transfers the case to Anna.
      await agent.locator('#transfer-to').selectOption(ANNA.login);
      await agent.locator('#transfer-form button[type="submit"]').click();
      await eventLine('Vili siirsi sinut Annalle.').waitFor();

      // Anna puts it back in the queue: she left and the bot continues.
      const anna = await bot.signIn(ANNA);
      expect((await bot.call('POST', `/api/agent/cases/${caseId}/release`, { cookie: anna, body: {} })).status).toBe(200);
      await eventLine('Anna poistui keskustelusta. Botti jatkaa.').waitFor();

      // The customer stopped typing a while ago and sent nothing: the line in Vili's console has cleared by itself.
      await agent.waitForFunction(
        () =>
          (globalThis as unknown as { document: { getElementById(id: string): { textContent: string | null } | null } }).document.getElementById(
            'customer-typing',
          )?.textContent === '',
        null,
        { timeout: 10_000 },
      );

      // A bot message and an agent's message in a row are not grouped under one avatar: the customer
      // writes while queued (the bot answers), and Anna answers at once.
      await customerSends('lisätietoa: tilaus 123456');
      await bubbles().filter({ hasText: 'lisäsin tämän asiaasi' }).waitFor();
      await bot.app.desk.agent.claim(caseId, ANNA.login);
      await bot.app.agents.reply(caseId, { login: ANNA.login, name: ANNA.name }, 'Katson tilaustasi.');
      const annaRow = rowOf('Katson tilaustasi.');
      await annaRow.waitFor();
      await expect(annaRow.locator('.vastaa-avatar').innerText()).resolves.toBe('AN');
      await expect(rowOf('lisäsin tämän asiaasi').locator('.webchat__initialsAvatar').innerText()).resolves.toBe('Va');

      await mkdir(ARTIFACTS, { recursive: true });
      await customer.screenshot({ path: path.join(ARTIFACTS, 'web-chat-people.png') });
      expect(errors).toEqual([]);
    },
    TIMEOUT,
  );
}
