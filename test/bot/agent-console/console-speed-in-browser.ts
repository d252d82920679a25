import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { releaseChromium, sharedChromium } from '../../support/browser.js';
import { startConsoleBot, VILI, type ConsoleBot } from '../../support/console-bot.js';
import { startFakeChannel, type FakeChannel } from '../../support/fake-channel.js';
import { PROJECT_ROOT } from '../../support/test-bot.js';

/** Registers this file's tests; ./console-quality-in-browser.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function consoleSpeedInBrowser(): void {
  // The agent's fast path in a real browser (Debian's Chromium): next case, claim, "/" canned replies with
  // their variables, send and close from the keyboard alone; tags; search and the read-only transcript.
  // The server's clock is fixed on a Monday at 10:00 in Helsinki, so today's opening hours are known.
  const TIMEOUT = 120_000;
  const ARTIFACTS = path.join(PROJECT_ROOT, 'test-artifacts');
  const START = Date.parse('2026-11-23T08:00:00.000Z');
  // Set when the bot starts, not when the runner collects the tests: the files before this one take their time.
  let offset = 0;
  let bot: ConsoleBot;
  let channel: FakeChannel;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const ids = { order: '', second: '' };

  type InPage = { document: { activeElement: { id: string } | null } };
  const focusedId = () => page.evaluate(() => (globalThis as unknown as InPage).document.activeElement?.id ?? '');
  // The functions below run in the page and reach its globals through globalThis (no closure crosses over).
  type PageGlobals = { document: any; innerHeight: number }; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Nothing focused, as after a click on an empty part of the page: where shortcuts work. */
  const blur = () => page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.blur());
  /** The reply box has focus and all of it is inside the window. */
  const replyBoxFocusedInView = () =>
    page.waitForFunction(() => {
      const { document, innerHeight } = globalThis as unknown as PageGlobals;
      const box = document.getElementById('reply-text');
      if (!box || document.activeElement !== box) return false;
      const rect = box.getBoundingClientRect();
      return rect.top >= 0 && rect.bottom <= innerHeight;
    });
  /** After a send: the case drawn again with an empty reply box that has focus, ready for the next reply. */
  const readyForNextReply = () =>
    page.waitForFunction(() => {
      const { document } = globalThis as unknown as PageGlobals;
      const box = document.getElementById('reply-text');
      return box && box.value === '' && document.activeElement === box;
    });
  const sent = (text: string) => channel.waitFor((activity) => activity.type === 'message' && (activity.text ?? '').includes(text), 15_000);

  async function caseOpened(conversationId: string, ...texts: string[]): Promise<string> {
    let caseId: string | undefined;
    for (const text of texts) {
      const replies = await bot.customerSays(text, { conversationId, serviceUrl: channel.serviceUrl });
      caseId ??= replies.find((activity) => activity.name === 'handoff.initiate')?.value?.caseId;
    }
    if (!caseId) throw new Error(`no case was opened in ${conversationId}`);
    return caseId;
  }

  beforeAll(async () => {
    offset = START - Date.now();
    bot = await startConsoleBot({ now: () => new Date(Date.now() + offset) });
    channel = await startFakeChannel();
    ids.order = await caseOpened('speed-order', 'missä on tilaukseni 987654', 'haluan puhua ihmisen kanssa');
    ids.second = await caseOpened('speed-second', 'haluan puhua ihmisen kanssa');
    browser = await sharedChromium();
    // 1280×800: the laptop size at which the reply box used to fall below the fold after claiming.
    page = await browser.newPage({ locale: 'fi-FI', timezoneId: 'Europe/Helsinki', viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${bot.url}/agent`);
    await page.getByLabel('Käyttäjätunnus').fill('vili');
    await page.getByLabel('Salasana').fill(VILI.password);
    await page.getByLabel('Salasana').press('Enter');
    await page.locator('#live', { hasText: 'Ajan tasalla' }).waitFor();
    await page.locator(`#queue .case-item[data-case-id="${ids.second}"]`).waitFor();
  }, TIMEOUT);
  afterAll(async () => {
    await releaseChromium(browser);
    await channel?.close();
    await bot?.stop();
  });

  describe('working fast in the agent console', () => {
    test(
      'without a mouse: J opens the next case, C claims it and puts focus in the visible reply box, "/" fills a canned reply, Enter sends, E and Enter close',
      async () => {
        await blur();
        await page.keyboard.press('j');
        await page.getByRole('heading', { name: new RegExp(ids.order) }).waitFor();
        await page.keyboard.press('c');
        await page.locator('.case-status', { hasText: 'Asia on sinulla.' }).waitFor();
        await replyBoxFocusedInView();

        // "/" and a word: the list shows the matching replies; arrows move, Enter inserts with the order number filled.
        await page.keyboard.type('/tila');
        const list = page.getByRole('listbox', { name: 'Vastausehdotukset' });
        await list.waitFor();
        await expect(list.getByRole('option').allInnerTexts()).resolves.toEqual([
          expect.stringMatching(/^Tilausnumero/),
          expect.stringMatching(/^Tilauksen tila\s+Tarkistan tilauksen 987654 tilan/),
        ]);
        await page.keyboard.press('ArrowDown');
        await expect(list.getByRole('option', { selected: true }).innerText()).resolves.toMatch(/^Tilauksen tila/);
        await mkdir(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: path.join(ARTIFACTS, 'console-canned-replies.png') });
        await page.keyboard.press('Enter');
        await list.waitFor({ state: 'hidden' });
        await expect(page.locator('#reply-text').inputValue()).resolves.toBe('Tarkistan tilauksen 987654 tilan. Palaan asiaan hetken kuluttua.');
        await page.keyboard.press('Enter');
        expect((await sent('Tarkistan tilauksen')).text).toBe('Tarkistan tilauksen 987654 tilan. Palaan asiaan hetken kuluttua.\n\n– Vili');
        await readyForNextReply();

        // Today's hours of the customer's channel, in Finnish; Esc closes the list and leaves the "/" as typed.
        await page.keyboard.type('/');
        await list.waitFor();
        await page.keyboard.press('Escape');
        await list.waitFor({ state: 'hidden' });
        await expect(page.locator('#reply-text').inputValue()).resolves.toBe('/');
        await page.keyboard.type('auki');
        await list.waitFor();
        await page.keyboard.press('Enter');
        await expect(page.locator('#reply-text').inputValue()).resolves.toMatch(/^Tänään 23\.11\. chat on auki 8–18\. Voit kirjoittaa tähän chattiin/);
        await page.keyboard.press('Control+Enter');
        await sent('Tänään 23.11. chat on auki 8–18.');
        await readyForNextReply();

        // Shortcuts do not fire in a text field: "e" typed in the reply box stays an "e".
        await page.keyboard.type('e');
        await expect(page.locator('#reply-text').inputValue()).resolves.toBe('e');
        await page.keyboard.press('Backspace');
        await page.keyboard.press('Tab');
        await page.keyboard.press('e');
        expect(await focusedId()).toBe('resolution');
        await page.keyboard.type('Tila kerrottu');
        await page.keyboard.press('Enter');
        await page.locator('.case-status', { hasText: 'Asia on suljettu.' }).waitFor();
        expect(await bot.app.desk.agent.getCase(ids.order)).toMatchObject({ status: 'closed', resolution: 'Tila kerrottu' });
      },
      TIMEOUT,
    );

    test(
      'a variable without a value stays selected in the reply box and the reply is not sent until the agent fills it',
      async () => {
        await blur();
        await page.keyboard.press('j');
        await page.getByRole('heading', { name: new RegExp(ids.second) }).waitFor();
        await page.keyboard.press('c');
        await replyBoxFocusedInView();
        await page.keyboard.type('/esitt');
        await page.keyboard.press('Enter');
        await expect(page.locator('#reply-text').inputValue()).resolves.toBe('Hei, olen Vili asiakaspalvelusta. Jatkan asiaasi tästä.');
        await page.keyboard.press('Enter');
        await sent('Hei, olen Vili asiakaspalvelusta.');
        await readyForNextReply();

        await page.keyboard.type('/tilauksen');
        await page.keyboard.press('Enter');
        await expect(page.locator('#reply-text').inputValue()).resolves.toBe('Tarkistan tilauksen {orderNumber} tilan. Palaan asiaan hetken kuluttua.');
        await page.keyboard.press('Enter');
        await page.locator('#toast', { hasText: 'Täytä {orderNumber} ennen lähettämistä.' }).waitFor();
        // The placeholder is selected, so typing replaces it.
        await page.keyboard.type('T12345678');
        await expect(page.locator('#reply-text').inputValue()).resolves.toBe('Tarkistan tilauksen T12345678 tilan. Palaan asiaan hetken kuluttua.');
        await page.keyboard.press('Enter');
        await sent('Tarkistan tilauksen T12345678');
        expect(channel.received.some((activity) => (activity.text ?? '').includes('{orderNumber}'))).toBe(false);
      },
      TIMEOUT,
    );

    test(
      'an Enter that comes while a live change draws the case again, before the open list is back, still inserts the chosen reply instead of sending "/esitt"',
      async () => {
        await readyForNextReply();
        await page.keyboard.type('/esitt');
        await page.getByRole('listbox', { name: 'Vastausehdotukset' }).waitFor();
        // What a live change does (refetch and draw the case), then the Enter, in one go: a fast agent's key
        // can land between the drawing and the list's reopening on the next timer tick (seen under load).
        const afterEnter = await page.evaluate(async (caseId) => {
          const { document, VastaaConsole, KeyboardEvent } = globalThis as unknown as PageGlobals & {
            VastaaConsole: { openCase: (id: string, focus: boolean) => Promise<void> };
            KeyboardEvent: new (type: string, init: object) => unknown;
          };
          await VastaaConsole.openCase(caseId, false);
          const box = document.getElementById('reply-text');
          box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
          return box.value;
        }, ids.second);
        expect(afterEnter).toBe('Hei, olen Vili asiakaspalvelusta. Jatkan asiaasi tästä.');
        await page.locator('#reply-text').fill('');
        expect(channel.received.some((activity) => (activity.text ?? '').includes('/esitt'))).toBe(false);
      },
      TIMEOUT,
    );

    test(
      '? shows the shortcuts; Esc closes them',
      async () => {
        await blur();
        await page.keyboard.press('?');
        const help = page.getByRole('dialog', { name: 'Pikanäppäimet' });
        await help.waitFor();
        await expect(help.innerText()).resolves.toMatch(/J\s+Avaa jonon seuraava asia[\s\S]*C\s+Ota avoin asia[\s\S]*Ctrl \+ Enter\s+Lähetä vastaus/);
        await page.keyboard.press('Escape');
        await help.waitFor({ state: 'hidden' });
      },
      TIMEOUT,
    );

    test(
      "tags show on the case and in the agent's rows; the customer's rating shows on the closed case; the day's numbers follow",
      async () => {
        // This and the search test go on from the first test's closed case: if that one failed, say so here first.
        expect(await bot.app.desk.agent.getCase(ids.order)).toMatchObject({ status: 'closed' });
        await page.getByLabel('Uusi tunniste').fill('Palautus');
        await page.getByLabel('Uusi tunniste').press('Enter');
        await page.locator('#case-tags', { hasText: 'palautus' }).waitFor();
        await page.locator(`#mine .case-item[data-case-id="${ids.second}"] .case-tags`, { hasText: 'palautus' }).waitFor();
        await page.getByRole('button', { name: 'Poista tunniste palautus' }).click();
        await page.locator('#case-tags', { hasText: 'Ei tunnisteita.' }).waitFor();

        await bot.customerSays('4', { conversationId: 'speed-order', serviceUrl: channel.serviceUrl });
        await page.locator('#metric-rating dd', { hasText: '4,0 / 5 (1)' }).waitFor();
        await page.goto(`${bot.url}/agent#${ids.order}`);
        await page.reload();
        await page.locator('#case-rating', { hasText: 'Asiakkaan arvio: 4/5' }).waitFor();
        await page.getByLabel('Uusi tunniste').fill('Reititin');
        await page.getByRole('button', { name: 'Lisää tunniste' }).click();
        await page.locator('#case-tags', { hasText: 'reititin' }).waitFor();
        await page.screenshot({ path: path.join(ARTIFACTS, 'console-closed-case.png'), fullPage: true });

        // From the case: all of this customer's cases.
        await page.getByRole('button', { name: 'Asiakkaan kaikki asiat' }).click();
        const customer = page.getByRole('dialog', { name: 'Hae asioita' });
        await customer.locator('#customer-title', { hasText: 'emulator/user-speed-order' }).waitFor();
        await expect(customer.locator('#customer-cases .case-item').getAttribute('data-case-id')).resolves.toBe(ids.order);
        await page.keyboard.press('Escape');
        await customer.waitFor({ state: 'hidden' });
      },
      TIMEOUT,
    );

    test(
      "search finds the closed case by a word in its transcript and by its tag, opens its transcript read-only, and lists the customer's cases",
      async () => {
        await blur();
        await page.keyboard.press('/');
        const search = page.getByRole('dialog', { name: 'Hae asioita' });
        await search.waitFor();
        expect(await focusedId()).toBe('search-text');
        await page.keyboard.type('987654');
        await page.keyboard.press('Enter');
        const hit = search.locator(`#search-results .case-item[data-case-id="${ids.order}"]`);
        await hit.waitFor();
        await expect(search.locator('#search-results .case-item').count()).resolves.toBe(1);
        await expect(hit.innerText()).resolves.toMatch(/suljettu\n(…|)haluan puhua ihmisen kanssa missä on tilaukseni 987654[\s\S]*\nreititin$/);
        await hit.click();
        const detail = search.locator('#search-detail');
        await detail.locator('#search-transcript .from-customer', { hasText: 'missä on tilaukseni 987654' }).waitFor();
        await expect(detail.innerText()).resolves.toMatch(/Vain luku\. Asia on päättynyt\.[\s\S]*Tila kerrottu[\s\S]*Asiakkaan arvio\s+4\/5/);
        await expect(detail.locator('#search-transcript .from-agent').first().innerText()).resolves.toContain('Tarkistan tilauksen 987654');
        expect(await detail.locator('textarea, #reply-text').count()).toBe(0);

        await search.getByLabel('Sanat keskustelusta tai asiasta').fill('');
        await search.getByLabel('Tunniste').fill('reititin');
        await search.getByRole('button', { name: 'Hae', exact: true }).click();
        await search.locator('#search-status-line', { hasText: 'Tulokset: 1' }).waitFor();
        await expect(search.locator('#search-results .case-item').getAttribute('data-case-id')).resolves.toBe(ids.order);

        await page.screenshot({ path: path.join(ARTIFACTS, 'console-search.png') });
        await detail.getByRole('button', { name: 'Asiakkaan kaikki asiat' }).click();
        await detail.locator('#customer-title', { hasText: 'emulator/user-speed-order' }).waitFor();
        await expect(detail.locator('#customer-cases .case-item').getAttribute('data-case-id')).resolves.toBe(ids.order);
        await page.keyboard.press('Escape');
        await search.waitFor({ state: 'hidden' });
        expect(errors).toEqual([]);
      },
      TIMEOUT,
    );
  });
}
