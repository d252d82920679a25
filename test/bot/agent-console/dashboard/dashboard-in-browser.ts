import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { releaseChromium, sharedChromium } from '../../../support/browser.js';
import { startConsoleBot, VILI, type ConsoleBot } from '../../../support/console-bot.js';
import { DASHBOARD_NOW, SANNA, seedDashboardRecords, type MovableClock } from '../../../support/dashboard-records.js';
import { PROJECT_ROOT } from '../../../support/test-bot.js';

/** Registers this file's tests; ../console-quality-in-browser.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function dashboardDashboardInBrowser(): void {
  // A real browser on the real dashboard (Debian's Chromium; when it is missing the test fails, never skips).
  const TIMEOUT = 60_000;
  const clock: MovableClock = { at: DASHBOARD_NOW };
  let bot: ConsoleBot;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    bot = await startConsoleBot({ agents: [VILI, SANNA], now: () => clock.at });
    await seedDashboardRecords(bot.app.desk, clock);
    browser = await sharedChromium();
    page = await browser.newPage({ locale: 'fi-FI', viewport: { width: 1366, height: 900 } });
    // A CSP violation (an inline script or style) shows up here as a console error.
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
  }, TIMEOUT);
  afterAll(async () => {
    await releaseChromium(browser);
    await bot?.stop();
  });

  describe('the service dashboard in the browser', () => {
    test(
      'a supervisor signs in, switches a chart to its table, downloads its CSV, and clicks a heatmap cell to the conversations and the case behind it',
      async () => {
        await page.goto(`${bot.url}/studio/dashboard?from=2026-11-23&to=2026-11-24`);
        await page.getByLabel('Käyttäjätunnus').fill('sanna');
        await page.getByLabel('Salasana').fill(SANNA.password);
        await page.getByLabel('Salasana').press('Enter');
        await page.getByRole('heading', { level: 1, name: 'Palvelun tilannekuva' }).waitFor();
        await expect(page.locator('.period-line').textContent()).resolves.toBe('23.11.2026–24.11.2026, kellonajat aikavyöhykkeellä Europe/Helsinki');

        // The chart is a group named by its title and described by its description, every bar a link.
        const daily = page.locator('#panel-daily');
        await expect(daily.getByRole('group', { name: 'Keskustelut ja siirrot päivittäin' }).count()).resolves.toBe(1);
        await expect(daily.getByRole('link', { name: '23.11. Siirrot: 2' }).count()).resolves.toBe(1);
        await expect(daily.locator('svg desc').textContent()).resolves.toBe('Pylväät päivittäin: alkaneet keskustelut ja ihmiselle siirretyt asiat.');
        await expect(daily.getByRole('table').isVisible()).resolves.toBe(false);

        await daily.getByRole('button', { name: 'Taulukko' }).click();
        await expect(daily.getByRole('button', { name: 'Taulukko' }).getAttribute('aria-pressed')).resolves.toBe('true');
        await expect(daily.locator('svg').isVisible()).resolves.toBe(false);
        const rows = await daily.getByRole('table').locator('tbody tr').allInnerTexts();
        expect(rows.map((row) => row.split('\t'))).toEqual([
          ['23.11.2026', '3', '2'],
          ['24.11.2026', '2', '1'],
        ]);

        const [download] = await Promise.all([page.waitForEvent('download'), daily.getByRole('link', { name: 'Lataa CSV' }).click()]);
        expect(download.suggestedFilename()).toBe('vastaa-daily-2026-11-23-2026-11-24.csv');
        const csv = await readFile((await download.path())!);
        expect(csv.toString('utf8')).toBe('\uFEFFPäivä;Keskustelut;Siirrot\r\n2026-11-23;3;2\r\n2026-11-24;2;1\r\n');

        await page.locator('#panel-heatmap').getByRole('link', { name: 'ma klo 9: 2 keskustelua, 1 siirtoa' }).click();
        const drill = page.locator('#drill');
        await drill.getByRole('heading', { name: 'Luvun takana: Keskustelut: ma 9–10' }).waitFor();
        const listed = await drill.getByRole('table').locator('tbody tr').allInnerTexts();
        expect(listed.map((row) => row.split('\t'))).toEqual([
          ['23.11.2026 klo 9.40', 'webchat · fi', 'Laskutus', 'Siirretty', '5', 'C-00002'],
          ['23.11.2026 klo 9.10', 'webchat · fi', 'Tervehdys, Aukioloajat (Ei auttanut)', 'Botti hoiti', '–', 'Lue keskustelu'],
        ]);
        await expect(page.evaluate('document.activeElement.id')).resolves.toBe('drill');

        // axe-core finds no WCAG 2.1 A/AA violations on the page with a drill-down open (run through the
        // DevTools protocol, so the page's CSP stays as it is).
        const axe = await readFile(path.join(PROJECT_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
        const violations = (await page.evaluate(
          `${axe}; axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }).then((result) => result.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')))`,
        )) as string[];
        expect(violations).toEqual([]);

        // The case link opens the case in the agent console.
        await drill.getByRole('link', { name: 'C-00002' }).click();
        await page.locator('#case-title', { hasText: 'C-00002' }).waitFor();
        // And the console's top bar leads a supervisor back to the dashboard.
        await expect(page.locator('.topbar').getByRole('link', { name: 'Palvelun tilannekuva' }).getAttribute('href')).resolves.toBe('/studio/dashboard');
        expect(errors).toEqual([]);
      },
      TIMEOUT,
    );
  });
}
