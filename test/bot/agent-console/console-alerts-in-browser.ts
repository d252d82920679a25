import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { fillAndKeep, releaseChromium, sharedChromium } from '../../support/browser.js';
import { startConsoleBot, VILI, type ConsoleBot } from '../../support/console-bot.js';
import { startFakeChannel, type FakeChannel } from '../../support/fake-channel.js';

/** Registers this file's tests; ./console-in-browser.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function consoleAlertsInBrowser(): void {
  // Alerts and SLA colours in a real browser (Debian's Chromium, as in agent-console-in-browser.ts).
  // The server runs on a clock the test moves; the page takes "now" from the server, never from the
  // browser, so moving the server's clock is what turns a case amber and red.
  const TIMEOUT = 120_000;
  const TITLE = 'Asiakaspalvelijan näkymä';
  const START = Date.parse('2026-11-23T08:00:00.000Z'); // a Monday, 10:00 in Helsinki: open, and far from midnight
  const MINUTE = 60_000;

  // The browser's Notification, wrapped: it starts as not asked yet ("default"), asks the real API (which
  // the context grants) and then remembers the answer across reloads as a browser does, and records
  // every notification shown instead of drawing it on the desktop.
  const NOTIFICATION_SPY = `(() => {
  const Real = window.Notification;
  const shown = [];
  class Spy {
    static permission = sessionStorage.getItem('spy-asked') ? Real.permission : 'default';
    static async requestPermission() {
      const answer = await Real.requestPermission();
      sessionStorage.setItem('spy-asked', 'yes');
      Spy.permission = answer;
      return answer;
    }
    constructor(title, options) { shown.push({ title, body: (options && options.body) || '' }); }
    close() {}
  }
  Object.defineProperty(window, 'Notification', { value: Spy, configurable: true, writable: true });
  window.__notifications = shown;
})();`;

  // Set when the bot starts, not when the runner collects the tests: the files before this one take their time.
  let offset = 0;
  const moveClock = (minutes: number) => (offset += minutes * MINUTE);
  let bot: ConsoleBot;
  let customerChannel: FakeChannel;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const caseIds: Record<'billing' | 'upset', string> = { billing: '', upset: '' };

  const notifications = () => page.evaluate('window.__notifications') as Promise<{ title: string; body: string }[]>;
  // Functions, not strings: the console's CSP (script-src 'self') refuses to evaluate text in the page.
  // The functions run in the page, so they reach its globals through globalThis (no closure crosses over).
  type InPage = { document: { title: string }; __notifications: unknown[] };
  const waitForTitle = (title: string) => page.waitForFunction((expected) => (globalThis as unknown as InPage).document.title === expected, title);
  const queueOrder = () => page.locator('#queue .case-item').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-case-id')));
  const waitForNotifications = (count: number) =>
    page.waitForFunction((expected) => (globalThis as unknown as InPage).__notifications.length === expected, count);

  async function caseOpened(text: string, conversationId: string, options: { locale?: string; serviceUrl?: string } = {}): Promise<string> {
    const replies = await bot.customerSays(text, { conversationId, ...options });
    const caseId = replies.find((activity) => activity.name === 'handoff.initiate')?.value?.caseId;
    if (!caseId) throw new Error(`no case was opened by "${text}"`);
    return caseId as string;
  }

  beforeAll(async () => {
    offset = START - Date.now();
    // Upset customers within 30 minutes, the rest within 10, so a later upset case sits above an older
    // one until the older one is overdue.
    bot = await startConsoleBot({ now: () => new Date(Date.now() + offset), env: { SLA_FIRST_RESPONSE_MINUTES: '1:30,2:10,3:10', SLA_WARNING_SHARE: '0.5' } });
    customerChannel = await startFakeChannel();
    browser = await sharedChromium();
    context = await browser.newContext({
      locale: 'fi-FI',
      timezoneId: 'Europe/Helsinki',
      viewport: { width: 1366, height: 900 },
      permissions: ['notifications'],
    });
    await context.addInitScript({ content: NOTIFICATION_SPY });
    page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${bot.url}/agent`);
    await page.getByLabel('Käyttäjätunnus').fill('vili');
    await page.getByLabel('Salasana').fill(VILI.password);
    await page.getByLabel('Salasana').press('Enter');
    await page.locator('#live', { hasText: 'Ajan tasalla' }).waitFor();
  }, TIMEOUT);
  afterAll(async () => {
    await releaseChromium(browser);
    await customerChannel?.close();
    await bot?.stop();
  });

  describe('alerts and SLA in the agent console', () => {
    test(
      'the agent turns desktop notifications on from a button (never on load); once granted the button goes away',
      async () => {
        expect(await notifications()).toEqual([]);
        await expect(page.title()).resolves.toBe(TITLE);
        const enable = page.getByRole('button', { name: 'Salli työpöytäilmoitukset' });
        await enable.click();
        await enable.waitFor({ state: 'detached' });
        await page.locator('#toast', { hasText: 'Työpöytäilmoitukset ovat päällä.' }).waitFor();
        await expect(page.evaluate('Notification.permission')).resolves.toBe('granted');
      },
      TIMEOUT,
    );

    test(
      'a new case raises the count in the title and shows one notification saying what the customer wants',
      async () => {
        caseIds.billing = await caseOpened('haluan puhua ihmisen kanssa', 'alerts-billing', { serviceUrl: customerChannel.serviceUrl });
        await waitForTitle(`(1) ${TITLE}`);
        await waitForNotifications(1);
        expect(await notifications()).toEqual([{ title: `Uusi asia ${caseIds.billing}`, body: 'haluan puhua ihmisen kanssa' }]);
        await expect(page.locator(`#queue .case-item[data-case-id="${caseIds.billing}"] .sla`).getAttribute('data-sla')).resolves.toBe('on_time');
      },
      TIMEOUT,
    );

    test(
      "a case turns amber past half its time and red past its due time on the server's clock, and an overdue case goes first",
      async () => {
        // 5 minutes on the server's clock: half of the 10 minutes is gone. A later upset case (priority 1) goes above it.
        moveClock(5);
        caseIds.upset = await caseOpened('I have asked three times already and nobody answers', 'alerts-upset', { locale: 'en-US' });
        await waitForTitle(`(2) ${TITLE}`);
        const billingRow = page.locator(`#queue .case-item[data-case-id="${caseIds.billing}"]`);
        await page.locator(`#queue .case-item.sla-warning[data-case-id="${caseIds.billing}"]`).waitFor();
        await expect(billingRow.locator('.sla').innerText()).resolves.toMatch(/^vastattava klo 10\.10$/);
        await expect(queueOrder()).resolves.toEqual([caseIds.upset, caseIds.billing]);

        // 11 minutes: overdue. The customer writes again; the page refreshes on that and shows the case red, first.
        moveClock(6);
        await bot.customerSays('Laskussa on kaksi samaa veloitusta', { conversationId: 'alerts-billing', serviceUrl: customerChannel.serviceUrl });
        await page.locator(`#queue .case-item.sla-overdue[data-case-id="${caseIds.billing}"]`).waitFor();
        await expect(billingRow.locator('.sla').innerText()).resolves.toBe('vastaus myöhässä 1 min');
        await expect(queueOrder()).resolves.toEqual([caseIds.billing, caseIds.upset]);
        const overdueColour = await page.evaluate(
          `getComputedStyle(document.querySelector('#queue [data-case-id="${caseIds.billing}"] .sla')).backgroundColor`,
        );
        expect(overdueColour).toBe('rgb(161, 38, 38)');

        // The case view says the same, and a notification told the agent about the new message.
        await billingRow.click();
        await expect(page.locator('#case-sla').getAttribute('data-sla')).resolves.toBe('overdue');
        await waitForNotifications(3);
        expect((await notifications()).map((shown) => shown.title)).toEqual([
          `Uusi asia ${caseIds.billing}`,
          `Uusi asia ${caseIds.upset}`,
          `Uusi viesti asiassa ${caseIds.billing}`,
        ]);
      },
      TIMEOUT,
    );

    test(
      "the Today panel gives today's figures with a Finnish decimal comma and refreshes live when the customer rates",
      async () => {
        // A third conversation the bot handles alone: one of today's three is contained.
        await bot.customerSays('mitkä ovat aukioloaikanne?', { conversationId: 'alerts-contained' });
        await bot.customerSays('kiitos', { conversationId: 'alerts-contained' });

        await page.getByRole('button', { name: 'Ota asia' }).click();
        await page.locator('.case-status', { hasText: 'Asia on sinulla.' }).waitFor();
        await page.locator('#metric-containment dd', { hasText: /^33,3\s%$/ }).waitFor();
        await page.locator('#reply-text').fill('Hei, katson laskuasi.');
        await page.locator('#reply-text').press('Enter');
        // Close only once the reply has arrived: the page redraws the case after a send, and a close typed
        // into the form before that redraw could be lost (a slow CI run timed out waiting for the prompt).
        await customerChannel.waitFor((activity) => activity.type === 'message' && (activity.text ?? '').includes('Hei, katson laskuasi.'), 15_000);
        await page.locator('.case-status', { hasText: 'Asia on sinulla.' }).waitFor();
        await fillAndKeep(page.getByLabel('Ratkaisu'), 'Hyvitys tehty');
        await page.getByRole('button', { name: 'Sulje ja pyydä arvio' }).click();
        await customerChannel.waitFor((activity) => activity.type === 'message' && (activity.text ?? '').includes('1–5'), 15_000);
        await expect(page.locator('#metric-rating dd').innerText()).resolves.toBe('–');

        await bot.customerSays('4', { conversationId: 'alerts-billing', serviceUrl: customerChannel.serviceUrl });
        await page.locator('#metric-rating dd', { hasText: '4,0 / 5 (1)' }).waitFor();
        await expect(page.locator('#metric-first-reply dd').innerText()).resolves.toBe('11 min');
        await waitForTitle(`(1) ${TITLE}`);
        expect(errors).toEqual([]);
      },
      TIMEOUT,
    );

    test(
      'muting the sound is remembered after a reload',
      async () => {
        const sound = page.getByRole('button', { name: 'Äänimerkki' });
        await expect(sound.getAttribute('aria-pressed')).resolves.toBe('true');
        await sound.click();
        await expect(sound.getAttribute('aria-pressed')).resolves.toBe('false');
        await page.reload();
        await page.locator('#live', { hasText: 'Ajan tasalla' }).waitFor();
        await expect(page.getByRole('button', { name: 'Äänimerkki' }).getAttribute('aria-pressed')).resolves.toBe('false');
        // Permission was granted once: the page does not offer to ask again.
        await expect(page.getByRole('button', { name: 'Salli työpöytäilmoitukset' }).count()).resolves.toBe(0);
      },
      TIMEOUT,
    );
  });
}
