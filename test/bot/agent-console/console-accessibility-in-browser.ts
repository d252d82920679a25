import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { releaseChromium, sharedChromium } from '../../support/browser.js';
import { startConsoleBot, VILI, type ConsoleBot } from '../../support/console-bot.js';
import { startFakeChannel, type FakeChannel } from '../../support/fake-channel.js';
import { PROJECT_ROOT } from '../../support/test-bot.js';

/** Registers this file's tests; ./console-quality-in-browser.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function consoleAccessibilityInBrowser(): void {
  // axe-core (the package, injected into the page) on the console's screens and the chat page, in
  // Debian's Chromium: no serious or critical violation anywhere. The pages' CSP (script-src 'self')
  // would refuse the injected script, so this context alone bypasses it; the CSP itself is tested
  // elsewhere. Focus rings are measured from the computed styles: at least 3:1 against what is behind them.
  const TIMEOUT = 120_000;
  const AXE = path.join(PROJECT_ROOT, 'node_modules/axe-core/axe.min.js');
  let bot: ConsoleBot;
  let channel: FakeChannel;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  interface Violation {
    id: string;
    impact: string;
    help: string;
    nodes: string[];
  }

  // Functions given to page.evaluate run in the page: its globals come through globalThis, nothing from here.
  type PageGlobals = { document: any; getComputedStyle(node: unknown): any; axe?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

  /** axe's serious and critical violations on the page as it is now, each with up to five offending nodes. */
  async function seriousViolations(): Promise<Violation[]> {
    if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ path: AXE });
    return page.evaluate(async () => {
      const { axe, document } = globalThis as unknown as PageGlobals;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations
        .filter((violation: { impact: string }) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation: { id: string; impact: string; help: string; nodes: { target: string[] }[] }) => ({
          id: violation.id,
          impact: violation.impact,
          help: violation.help,
          nodes: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
        }));
    });
  }

  /**
   * The focused element's focus ring: its colour's contrast against the first opaque background
   * behind the ring (the ring sits outside the element, on its parent's background), and whether the
   * browser shows it (`:focus-visible`).
   */
  async function focusRing(selector: string): Promise<{ visible: boolean; width: number; contrast: number }> {
    await page.keyboard.press('Shift'); // a keyboard user's focus: :focus-visible applies
    await page.locator(selector).focus();
    return page.evaluate((target) => {
      const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
      const node = document.querySelector(target);
      const style = getComputedStyle(node);
      const rgb = (text: string) => (text.match(/[\d.]+/g) ?? []).map(Number);
      const luminance = ([r, g, b]: number[]) =>
        [r, g, b]
          .map((channel) => channel! / 255)
          .map((channel) => (channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4))
          .reduce((sum, channel, index) => sum + channel * [0.2126, 0.7152, 0.0722][index]!, 0);
      let behind = node.parentElement;
      let background = [255, 255, 255];
      while (behind) {
        const colour = rgb(getComputedStyle(behind).backgroundColor);
        if (colour.length === 3 || (colour.length === 4 && colour[3] === 1)) {
          background = colour.slice(0, 3);
          break;
        }
        behind = behind.parentElement;
      }
      const [lighter, darker] = [luminance(rgb(style.outlineColor)), luminance(background)].sort((a, b) => b - a);
      return {
        visible: node.matches(':focus-visible') && style.outlineStyle !== 'none',
        width: parseFloat(style.outlineWidth),
        contrast: Math.round(((lighter! + 0.05) / (darker! + 0.05)) * 100) / 100,
      };
    }, selector);
  }

  beforeAll(async () => {
    bot = await startConsoleBot();
    channel = await startFakeChannel();
    await bot.customerSays('missä on tilaukseni 987654', { conversationId: 'a11y-order', serviceUrl: channel.serviceUrl });
    await bot.customerSays('haluan puhua ihmisen kanssa', { conversationId: 'a11y-order', serviceUrl: channel.serviceUrl });
    browser = await sharedChromium();
    context = await browser.newContext({ bypassCSP: true, locale: 'fi-FI', viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  }, TIMEOUT);
  afterAll(async () => {
    await releaseChromium(browser);
    await channel?.close();
    await bot?.stop();
  });

  describe('accessibility of the agent console and the chat page', () => {
    test(
      'sign-in, the queue, an open case with the canned list, search and the help window have no serious or critical axe violations',
      async () => {
        await page.goto(`${bot.url}/agent`);
        await page.getByLabel('Käyttäjätunnus').waitFor();
        expect(await seriousViolations()).toEqual([]);

        await page.getByLabel('Käyttäjätunnus').fill('vili');
        await page.getByLabel('Salasana').fill(VILI.password);
        await page.getByLabel('Salasana').press('Enter');
        await page.locator('#live', { hasText: 'Ajan tasalla' }).waitFor();
        await page.locator('#queue .case-item').first().waitFor();
        expect(await seriousViolations()).toEqual([]);

        await page.locator('#queue .case-item').first().click();
        await page.getByRole('button', { name: 'Ota asia' }).click();
        await page.locator('#reply-text').waitFor();
        await page.locator('#reply-text').pressSequentially('/til');
        await page.getByRole('listbox', { name: 'Vastausehdotukset' }).waitFor();
        expect(await seriousViolations()).toEqual([]);

        await page.keyboard.press('Escape');
        await page.locator('#reply-text').fill('');
        await page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.blur());
        await page.keyboard.press('/');
        await page.getByRole('dialog', { name: 'Hae asioita' }).waitFor();
        await page.keyboard.type('987654');
        await page.keyboard.press('Enter');
        await page.locator('#search-results .case-item').first().click();
        await page.locator('#search-transcript').waitFor();
        expect(await seriousViolations()).toEqual([]);
        await page.keyboard.press('Escape');

        await page.keyboard.press('?');
        await page.getByRole('dialog', { name: 'Pikanäppäimet' }).waitFor();
        expect(await seriousViolations()).toEqual([]);
        await page.keyboard.press('Escape');
      },
      TIMEOUT,
    );

    test(
      'focus rings in the console are visible and have at least 3:1 contrast against what is behind them',
      async () => {
        for (const selector of ['#open-search', '#queue .case-item, #mine .case-item', '#reply-text', '#reply-send', '#tag-input', '#resolution']) {
          const ring = await focusRing(selector);
          expect({ selector, ...ring, enough: ring.contrast >= 3 }).toEqual({ selector, visible: true, width: 3, contrast: ring.contrast, enough: true });
        }
      },
      TIMEOUT,
    );

    test(
      'the chat page has no serious or critical axe violations, and its focus ring has at least 3:1 contrast',
      async () => {
        await page.goto(`${bot.url}/`);
        const input = page.locator('[data-id="webchat-sendbox-input"]');
        await input.waitFor();
        await page.locator('.webchat__bubble__content').first().waitFor();
        expect(await seriousViolations()).toEqual([]);
        const ring = await focusRing('[data-id="webchat-sendbox-input"]');
        expect(ring.contrast).toBeGreaterThanOrEqual(3);
      },
      TIMEOUT,
    );
  });
}
