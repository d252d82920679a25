import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { conversationKey } from '../../../../handoff/index.js';
import { releaseChromium, sharedChromium } from '../../../support/browser.js';
import { startVastaa, VILI, type Vastaa } from '../../../support/vastaa.js';

/** Registers this file's tests; ./chat-identity-and-presence-in-browser.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function webChatIdentityInBrowser(): void {
  // A real browser on the real chat page (Debian's Chromium; the test fails, never skips, without it).
  // Monday 23 November 2026, 20:30 in Helsinki: the chat is closed and opens tomorrow at 8.
  const MONDAY_EVENING = new Date('2026-11-23T18:30:00Z');
  const TIMEOUT = 90_000;
  const AGENT_API_TOKEN = 'identity-test-agent-api-token-0123456789';

  let bot: Vastaa;
  let browser: Browser;
  /** Another site (another loopback origin) that embeds the chat with the embed script. */
  let site: Server;
  let siteUrl: string;

  beforeAll(async () => {
    site = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Yrityksen sivu</title></head>` +
          `<body><h1>Tervetuloa</h1><script src="${bot.url}/chat/embed.js" data-title="Oma Palvelu" data-color="#aa3300" async></script></body></html>`,
      );
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    bot = await startVastaa({ agents: [VILI], now: () => MONDAY_EVENING, env: { CHAT_FRAME_ANCESTORS: siteUrl, AGENT_API_TOKEN } });
    browser = await sharedChromium();
  }, TIMEOUT);
  afterAll(async () => {
    await releaseChromium(browser);
    await bot?.stop();
    await new Promise((resolve) => site?.close(resolve));
  });

  /** One visitor's browser (cookies, storage); every error its pages log is in `errors`. */
  let visitor: BrowserContext;
  let errors: string[];
  beforeEach(async () => {
    visitor = await browser.newContext({ locale: 'fi-FI', viewport: { width: 900, height: 1000 } });
    errors = [];
  });
  afterEach(async () => {
    await visitor.close();
  });

  async function openChat(): Promise<Page> {
    const page = await visitor.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${bot.url}/chat`);
    return page;
  }

  const botMessages = (page: Page | Frame | Locator) =>
    page.locator('.webchat__stacked-layout:not(.webchat__stacked-layout--from-user) .webchat__bubble__content');

  async function send(page: Page | Frame, text: string): Promise<void> {
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(text);
    await input.press('Enter');
  }

  function conversationIdOf(page: Page): Promise<string> {
    return page.evaluate(() => (globalThis as unknown as { vastaaChat: { conversationId: string } }).vastaaChat.conversationId);
  }

  /** Vili acts on a case through the agent API, as the console does. */
  async function agent(caseId: string, action: 'claim' | 'reply' | 'close', body: unknown = {}): Promise<void> {
    const response = await fetch(`${bot.url}/api/agent/cases/${caseId}/${action}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${AGENT_API_TOKEN}`, 'x-agent-login': VILI.login, 'content-type': 'application/json', origin: bot.url },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
  }

  /** Asks for a person on the page; the waiting case of its conversation. */
  async function askForAPerson(page: Page): Promise<string> {
    await botMessages(page).filter({ hasText: 'Hei! Olen Vastaa-botti' }).waitFor();
    await send(page, 'haluan puhua ihmiselle');
    await botMessages(page).filter({ hasText: 'Selvä, ohjaan sinut ihmiselle.' }).waitFor();
    const conversationId = await conversationIdOf(page);
    const waiting = (await bot.app.desk.agent.queue()).find((record) => record.reference.conversation?.id === conversationId);
    expect(waiting?.status).toBe('waiting');
    return waiting!.id;
  }

  describe('web chat that outlives the tab', () => {
    test(
      'the tab is closed while queued, the agent replies, and the reopened page shows the same conversation with the reply under "Uudet viestit"; another tab too',
      async () => {
        const first = await openChat();
        await expect(first.locator('#chat-title').innerText()).resolves.toBe('Asiakaspalvelu');
        await expect(first.locator('#chat-status').innerText()).resolves.toBe('Suljettu. Avaamme huomenna klo 8.');
        const caseId = await askForAPerson(first);
        const conversationId = await conversationIdOf(first);
        await first.close();

        await agent(caseId, 'claim');
        await agent(caseId, 'reply', { text: 'Hei, olen Vili. Katson asiaasi nyt.' });

        const reopened = await openChat();
        const reply = reopened.locator('.webchat__basic-transcript__activity').filter({ hasText: 'Katson asiaasi nyt.' });
        await reply.waitFor();
        expect(await conversationIdOf(reopened)).toBe(conversationId);
        await expect(botMessages(reopened).filter({ hasText: 'Hei! Olen Vastaa-botti' }).count()).resolves.toBe(1);
        // The divider sits right above the first message that came while the tab was closed: the line
        // saying who joined, then the agent's reply.
        const divider = reopened.locator('.chat-new-divider');
        await expect(divider.count()).resolves.toBe(1);
        await expect(divider.innerText()).resolves.toBe('Uudet viestit');
        const joined = reopened.locator('.webchat__basic-transcript__activity').filter({ hasText: 'liittyi keskusteluun' });
        await expect(joined.locator('.chat-new-divider').count()).resolves.toBe(1);
        await expect(reply.locator('.chat-new-divider').count()).resolves.toBe(0);
        await expect(
          reopened.locator('.webchat__basic-transcript__activity').filter({ hasText: 'Selvä, ohjaan sinut ihmiselle.' }).locator('.chat-new-divider').count(),
        ).resolves.toBe(0);
        // Times in the Finnish 24-hour form, e.g. "20.31".
        const times = await reopened.locator('.chat-time [aria-hidden="true"]').allInnerTexts();
        expect(times.length).toBeGreaterThan(0);
        for (const time of times) expect(time).toMatch(/^([01]?\d|2[0-3])\.[0-5]\d$/);

        // Another tab: the same conversation; what the customer writes there shows in the first tab too.
        const other = await openChat();
        await botMessages(other).filter({ hasText: 'Katson asiaasi nyt.' }).waitFor();
        expect(await conversationIdOf(other)).toBe(conversationId);
        await send(other, 'Kiitos, odotan.');
        await reopened.locator('.webchat__stacked-layout--from-user').filter({ hasText: 'Kiitos, odotan.' }).waitFor();
        expect(errors).toEqual([]);
      },
      TIMEOUT,
    );

    test(
      '"Lopeta keskustelu" while queued ends the case with a clear line, and "Aloita uusi keskustelu" gives a fresh conversation',
      async () => {
        const page = await openChat();
        const caseId = await askForAPerson(page);
        const conversationId = await conversationIdOf(page);

        await page.getByRole('button', { name: 'Lopeta keskustelu' }).click();
        await botMessages(page).filter({ hasText: 'Peruin pyyntösi asiakaspalvelijalle, ja keskustelu on päättynyt.' }).waitFor();
        await expect(bot.app.desk.agent.getCase(caseId)).resolves.toMatchObject({ status: 'abandoned' });
        await expect(page.getByRole('button', { name: 'Lopeta keskustelu' }).isHidden()).resolves.toBe(true);

        await page.getByRole('button', { name: 'Aloita uusi keskustelu' }).click();
        await page.waitForFunction((old) => {
          const chat = (globalThis as unknown as { vastaaChat?: { conversationId: string } }).vastaaChat;
          return chat !== undefined && chat.conversationId !== old;
        }, conversationId);
        await botMessages(page).filter({ hasText: 'Hei! Olen Vastaa-botti' }).waitFor();
        await expect(botMessages(page).filter({ hasText: 'ohjaan sinut ihmiselle' }).count()).resolves.toBe(0);
        await expect(page.locator('.chat-new-divider').count()).resolves.toBe(0);
        expect(errors).toEqual([]);
      },
      TIMEOUT,
    );

    test(
      'after the case closes the customer rates it and adds a comment, stored as rating.comment',
      async () => {
        const page = await openChat();
        const caseId = await askForAPerson(page);
        const conversationId = await conversationIdOf(page);
        await agent(caseId, 'claim');
        await agent(caseId, 'close', { resolution: 'Neuvottu' });
        await botMessages(page).filter({ hasText: 'Kuinka hyvin onnistuimme?' }).waitFor();
        await page.getByRole('toolbar').getByRole('button', { name: '4' }).filter({ visible: true }).click();
        await botMessages(page).filter({ hasText: 'Kiitos arviostasi!' }).waitFor();

        await page.getByLabel('Haluatko kertoa lisää? Kirjoita kommentti, jos haluat.').fill('Vili auttoi nopeasti.');
        await page.getByRole('button', { name: 'Lähetä kommentti' }).click();
        await page.getByRole('status').filter({ hasText: 'Kiitos kommentistasi!' }).waitFor();
        const record = await bot.app.desk.customer.conversation(conversationKey('vastaa-directline', conversationId));
        expect(record?.rating).toMatchObject({ score: 4, caseId, comment: 'Vili auttoi nopeasti.' });
        expect(errors).toEqual([]);
      },
      TIMEOUT,
    );

    test(
      "the embed script on another origin's page opens the chat in a panel with the site's title and colour, a message gets an answer, and a reply to the closed panel shows as a badge",
      async () => {
        const page = await visitor.newPage();
        page.on('pageerror', (error) => errors.push(error.message));
        page.on('console', (message) => {
          if (message.type() === 'error') errors.push(message.text());
        });
        // The chat page keeps its policy: only the listed site may frame it, and no inline script runs.
        const policy = (await fetch(`${bot.url}/chat`)).headers.get('content-security-policy')!;
        expect(policy).toContain(`frame-ancestors ${siteUrl}`);
        expect(policy).toContain("script-src 'self';");
        await page.goto(siteUrl);
        await page.getByRole('button', { name: 'Avaa chat: Oma Palvelu' }).click();
        const close = page.getByRole('button', { name: 'Sulje chat: Oma Palvelu' });
        await expect(close.getAttribute('aria-expanded')).resolves.toBe('true');
        const frame = page.frameLocator('iframe[title="Oma Palvelu"]');
        await botMessages(frame.locator('body')).filter({ hasText: 'Hei! Olen Vastaa-botti' }).waitFor();
        await expect(frame.locator('#chat-title').innerText()).resolves.toBe('Oma Palvelu');
        await expect(
          frame
            .locator('#chat-header')
            .evaluate(
              (header) =>
                (globalThis as unknown as { getComputedStyle(element: unknown): { backgroundColor: string } }).getComputedStyle(header).backgroundColor,
            ),
        ).resolves.toBe('rgb(170, 51, 0)');
        const chat = page.frames().find((candidate) => candidate.url().startsWith(`${bot.url}/chat`))!;
        await send(chat, 'Mitkä ovat aukioloaikanne?');
        await botMessages(chat).filter({ hasText: 'klo 8' }).waitFor();

        // The customer asks for a person and closes the panel; the agent's reply shows as a badge on the launcher.
        await send(chat, 'haluan puhua ihmiselle');
        await botMessages(chat).filter({ hasText: 'Selvä, ohjaan sinut ihmiselle.' }).waitFor();
        const conversationId = await chat.evaluate(() => (globalThis as unknown as { vastaaChat: { conversationId: string } }).vastaaChat.conversationId);
        const caseId = (await bot.app.desk.agent.queue()).find((record) => record.reference.conversation?.id === conversationId)!.id;
        await close.click();
        await expect(page.locator('iframe[title="Oma Palvelu"]').isHidden()).resolves.toBe(true);
        // Two messages wait: the line saying who joined, and the reply.
        await agent(caseId, 'claim');
        await page.getByRole('button', { name: 'Avaa chat: Oma Palvelu (1 uusi viesti)' }).waitFor();
        await agent(caseId, 'reply', { text: 'Hei, Vili tässä.' });
        const launcher = page.getByRole('button', { name: 'Avaa chat: Oma Palvelu (2 uutta viestiä)' });
        await launcher.waitFor();
        await expect(launcher.locator('span').innerText()).resolves.toBe('2');
        await launcher.click();
        await botMessages(chat).filter({ hasText: 'Hei, Vili tässä.' }).waitFor();
        await expect(page.getByRole('button', { name: 'Sulje chat: Oma Palvelu' }).locator('span').isHidden()).resolves.toBe(true);
        expect(errors).toEqual([]);
      },
      TIMEOUT,
    );
  });
}
