import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/browser.js';
import { PROJECT_ROOT, startVastaa, type TestAgent, type Vastaa } from '../../support/vastaa.js';

// An editor teaches the bot in a real browser (Debian's Chromium): a message the bot did not understand
// arrives through /api/messages, shows in the studio's inbox, is added to an intent, the intent file
// changes by exactly one line, and the bot then understands the same message. Then try-it, single and batch.
const TIMEOUT = 120_000;
const EEVA: TestAgent = { login: 'eeva', name: 'Eeva', language: 'fi', password: 'eevan-salasana-123', role: 'editor' };
const ALMA: TestAgent = { login: 'alma', name: 'Alma', language: 'en', password: 'almas-password-123', role: 'admin' };
const MISSED = 'myyttekö lahjakortteja';
const run = promisify(execFile);

let bot: Vastaa;
let browser: Browser;
let page: Page;
let scratch: string;
const errors: string[] = [];

beforeAll(async () => {
  bot = await startVastaa({ copyContent: true, agents: [EEVA, ALMA] });
  scratch = await mkdtemp(path.join(os.tmpdir(), 'vastaa-studio-'));
  browser = await launchChromium();
  const context = await browser.newContext({ locale: 'fi-FI', timezoneId: 'Europe/Helsinki', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
}, TIMEOUT);
afterAll(async () => {
  await browser?.close();
  await bot?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** The NLU trace the Emulator gets with the bot's reply. */
async function understood(text: string): Promise<{ intent: string | null; verdict: string }> {
  const activities = await bot.send(text, { conversationId: `browser-${Math.random().toString(36).slice(2)}`, locale: 'fi-FI', includeTraces: true });
  const trace = activities.find((activity) => activity.type === 'trace' && activity.name === 'nlu');
  return trace!.value as { intent: string | null; verdict: string };
}

describe('the studio in a browser', () => {
  test(
    'a misunderstood message appears in the inbox, is added to an intent as a one-line change, and the bot then understands it',
    async () => {
      expect(await understood(MISSED)).toMatchObject({ intent: null, verdict: 'unfamiliar' });
      const helpFile = path.join(bot.contentDir, 'intents', 'help.yaml');
      const before = path.join(scratch, 'help-before.yaml');
      await writeFile(before, await readFile(helpFile));

      await page.goto(`${bot.url}/studio`);
      await page.locator('#signin-title', { hasText: 'Kirjaudu botin opetukseen' }).waitFor();
      await page.getByLabel('Käyttäjätunnus').fill(EEVA.login);
      await page.getByLabel('Salasana').fill(EEVA.password);
      await page.getByLabel('Salasana').press('Enter');
      await page.getByRole('heading', { name: 'Mitä botti ei ymmärtänyt' }).waitFor();

      const cluster = page.locator('.cluster', { has: page.locator('.examples li', { hasText: MISSED }) });
      await cluster.waitFor();
      await expect(cluster.locator('.count').textContent()).resolves.toBe('kerran');
      await expect(cluster.getByLabel('Lisättävä fraasi').inputValue()).resolves.toBe(MISSED);
      await cluster.getByLabel('Valitse aihe').selectOption('help');
      await cluster.getByRole('button', { name: 'Lisää aiheeseen', exact: true }).click();
      await page.locator('#toast', { hasText: 'Lisätty aiheeseen' }).waitFor();
      await page.locator('#inbox-status', { hasText: 'Ei käsiteltävää: kaikki viestit on käsitelty.' }).waitFor();
      await expect(cluster.count()).resolves.toBe(0);

      // diff exits 1 when the files differ; its output is the whole change.
      const diff = await run('diff', [before, helpFile]).catch((error: { code: number; stdout: string }) => error);
      expect((diff as { code?: number }).code).toBe(1);
      expect((diff as { stdout: string }).stdout).toMatch(new RegExp(`^(\\d+)a(\\d+)\\n>     - ${MISSED}\\n$`));

      expect(await understood(MISSED)).toMatchObject({ intent: 'help', verdict: 'confident' });
    },
    TIMEOUT,
  );

  test(
    'try-it shows the verdict, the ranking and the reply for one message, and a table for a list of phrases',
    async () => {
      await page.getByLabel('Viesti', { exact: true }).fill('haluan puhua ihmisen kanssa');
      await page.getByRole('button', { name: 'Kokeile', exact: true }).click();
      await page.locator('#try-result', { hasText: 'human_agent' }).waitFor();
      await expect(page.locator('#try-result .badge').textContent()).resolves.toBe('varma');
      await expect(page.locator('#try-reply').textContent()).resolves.toMatch(/^Ohjaa keskustelun ihmiselle: Selvä, ohjaan sinut ihmiselle\./);

      // A text file chosen from the disk fills the list, as pasting does.
      await page.getByLabel('Tekstitiedosto').setInputFiles({
        name: 'fraasit.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from(`${MISSED} | help\nkerro vitsi | billing\nkiitos paljon\n`),
      });
      await page.waitForFunction(() =>
        (globalThis as unknown as { document: { querySelector(selector: string): { value: string } } }).document
          .querySelector('textarea')
          .value.includes('kerro vitsi'),
      );
      await page.getByRole('button', { name: 'Testaa kaikki' }).click();
      await page.locator('#batch-summary', { hasText: 'Fraaseja: 3. Eri kuin odotettu: 1/2.' }).waitFor();
      const rows = await page
        .locator('#batch-table tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => ({ mismatch: tr.classList.contains('mismatch'), cells: [...tr.querySelectorAll('td')].map((td) => td.textContent) })),
        );
      expect(rows.map((row) => [row.cells[0], row.cells[2], row.mismatch])).toEqual([
        [MISSED, 'help', false],
        ['kerro vitsi', 'out_of_scope', true],
        ['kiitos paljon', 'thanks', false],
      ]);
      expect(errors).toEqual([]);
    },
    TIMEOUT,
  );

  test(
    "an admin's studio (in English) links to the cases, and the page with an inbox group and a try-it result passes axe-core",
    async () => {
      await bot.send('what is the best ice cream', { conversationId: 'axe-chat', locale: 'en-US' });
      // axe is injected as a script, which the page's CSP rightly refuses; this one context bypasses it.
      const context = await browser.newContext({ locale: 'en-GB', bypassCSP: true });
      const [name, value] = (await bot.signIn(ALMA)).split('=');
      await context.addCookies([{ name: name!, value: value!, url: bot.url }]);
      const adminPage = await context.newPage();
      await adminPage.goto(`${bot.url}/studio`);
      await adminPage.locator('.cluster').first().waitFor();
      const links = await adminPage
        .locator('#area-nav a')
        .evaluateAll((anchors) => anchors.map((anchor) => [anchor.textContent, anchor.getAttribute('href'), anchor.getAttribute('aria-current')]));
      expect(links).toEqual([
        ['Cases', '/agent', null],
        ['Bot studio', '/studio', 'page'],
        ['Dashboard', '/studio/dashboard', null],
      ]);
      await adminPage.getByLabel('Message', { exact: true }).fill('thanks a lot');
      await adminPage.getByRole('button', { name: 'Try', exact: true }).click();
      await adminPage.locator('#try-result').waitFor();
      await adminPage.addScriptTag({ path: path.join(PROJECT_ROOT, 'node_modules/axe-core/axe.min.js') });
      const violations = await adminPage.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
        return (await axe.run()).violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
      });
      await context.close();
      expect(violations).toEqual([]);
    },
    TIMEOUT,
  );
});
