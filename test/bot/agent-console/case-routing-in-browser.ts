import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { releaseChromium, sharedChromium } from '../../support/browser.js';
import { startConsoleBot, type ConsoleBot, type TestAgent } from '../../support/console-bot.js';
import { startFakeChannel, type FakeChannel } from '../../support/fake-channel.js';
import { PROJECT_ROOT } from '../../support/test-bot.js';

/** Registers this file's tests; ./console-in-browser.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function caseRoutingInBrowser(): void {
  // Real Chromium on the real console (it fails, never skips, when the browser is missing).
  const TIMEOUT = 90_000;
  const ARTIFACTS = path.join(PROJECT_ROOT, 'test-artifacts');

  // Vili takes billing in Finnish; Anna general cases in both languages; Sari supervises.
  const VILI: TestAgent = { login: 'vili', name: 'Vili', language: 'fi', password: 'vilin-salasana-123', maxChats: 2, languages: ['fi'], teams: ['billing'] };
  const ANNA: TestAgent = { login: 'anna', name: 'Anna', language: 'en', password: 'annas-password-456', maxChats: 2, languages: ['fi', 'en'] };
  const SARI: TestAgent = { login: 'sari', name: 'Sari', language: 'fi', password: 'sarin-salasana-000', role: 'supervisor', maxChats: 0 };

  let bot: ConsoleBot;
  let channel: FakeChannel;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    bot = await startConsoleBot({ agents: [VILI, ANNA, SARI], env: { CASE_ROUTING: 'on' } });
    channel = await startFakeChannel();
    browser = await sharedChromium();
  }, TIMEOUT);
  afterAll(async () => {
    await releaseChromium(browser);
    await channel?.close();
    await bot?.stop();
  });

  /** A console of its own (own cookies) for `agent`, signed in through the sign-in form and live. */
  async function consoleOf(agent: TestAgent, liveText: string): Promise<Page> {
    const context = await browser.newContext({ locale: agent.language === 'fi' ? 'fi-FI' : 'en-US', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(`${agent.login}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${agent.login}: ${message.text()}`);
    });
    await page.goto(`${bot.url}/agent?lang=${agent.language}`);
    await page.locator('#login').fill(agent.login);
    await page.locator('#password').fill(agent.password);
    await page.locator('#password').press('Enter');
    await page.locator('#live', { hasText: liveText }).waitFor();
    return page;
  }

  async function presenceOf(login: string): Promise<string> {
    const team = await bot.call('GET', '/api/agent/team', { cookie: await bot.signIn(SARI) });
    return team.body.agents.find((agent: { login: string }) => agent.login === login).status;
  }

  async function customerAsks(text: string, conversationId: string): Promise<string> {
    const replies = await bot.customerSays(text, { conversationId, serviceUrl: channel.serviceUrl });
    return replies.find((activity) => activity.name === 'handoff.initiate')?.value?.caseId as string;
  }

  describe('routing in the agent console', () => {
    test(
      "a Finnish billing case reaches the billing agent's console and not the other's; an agent who sets themselves away gets no case; the supervisor sees it all",
      async () => {
        const vili = await consoleOf(VILI, 'Ajan tasalla');
        const anna = await consoleOf(ANNA, 'Live');
        // Signing in made both online; the top bar says so.
        await expect(vili.getByLabel('Tila').inputValue()).resolves.toBe('online');
        await expect(anna.getByLabel('Status').inputValue()).resolves.toBe('online');

        const billing = await customerAsks('miksi laskussa on kaksi veloitusta??', 'browser-billing');
        expect(billing).toMatch(/^C-\d+$/);
        await vili.locator('#mine .case-item', { hasText: billing }).waitFor();
        await vili.locator('#toast', { hasText: `Sinulle ohjattiin asia ${billing}.` }).waitFor();
        // Anna is less busy, but not in billing: the case is neither hers nor waiting in her queue.
        await anna.locator('#mine', { hasText: 'You have no open cases.' }).waitFor();
        await anna.locator('#queue', { hasText: 'Nobody is waiting.' }).waitFor();
        await expect(anna.locator('#sidebar').innerText()).resolves.not.toContain(billing);

        // Anna steps away in her console: the next general case goes to Vili although she has none.
        await anna.getByLabel('Status').selectOption('away');
        await anna.locator('#toast', { hasText: 'Your status: away.' }).waitFor();
        expect(await presenceOf('anna')).toBe('away');
        const general = await customerAsks('haluan puhua ihmisen kanssa', 'browser-general');
        await vili.locator('#mine .case-item', { hasText: general }).waitFor();
        await expect(anna.locator('#mine').innerText()).resolves.not.toContain(general);

        // Back online: the next general case is hers (Vili is at his maximum of two).
        await anna.getByLabel('Status').selectOption('online');
        await anna.locator('#toast', { hasText: 'Your status: online.' }).waitFor();
        const third = await customerAsks('haluan puhua ihmisen kanssa', 'browser-third');
        await anna.locator('#mine .case-item', { hasText: third }).waitFor();
        await anna.locator('#toast', { hasText: `Case ${third} was routed to you.` }).waitFor();

        // The supervisor's panel: presence, load and skills of everyone; she moves Vili's billing case to Anna.
        const sari = await consoleOf(SARI, 'Ajan tasalla');
        const viliRow = sari.locator('#team-agents tr[data-login="vili"]');
        await expect(viliRow.innerText()).resolves.toMatch(/Vili\s+Paikalla\s+2 \/ 2\s+FI · billing/);
        await expect(sari.locator('#team-agents tr[data-login="anna"]').innerText()).resolves.toMatch(/Anna\s+Paikalla\s+1 \/ 2\s+FI, EN · yleiset asiat/);
        await sari.getByLabel('Asia', { exact: true }).selectOption(billing);
        await sari.getByLabel('Kenelle').selectOption('anna');
        await sari.getByRole('button', { name: 'Siirrä', exact: true }).click();
        await sari.locator('#toast', { hasText: `Asia ${billing} siirretty.` }).waitFor();
        await anna.locator('#mine .case-item', { hasText: billing }).waitFor();
        await anna.locator('#toast', { hasText: `Case ${billing} was handed to you.` }).waitFor();
        await expect(vili.locator('#mine .case-item', { hasText: billing }).count()).resolves.toBeLessThanOrEqual(1);
        await vili.locator('#mine .case-item', { hasText: billing }).waitFor({ state: 'detached' });

        // Anna hands her case to Vili with a note; he reads it in the summary.
        await anna.locator('#mine .case-item', { hasText: third }).click();
        await anna.getByLabel('Transfer to').selectOption('vili');
        await anna.getByLabel('Note for the receiver').fill('Asiakas haluaa soittopyynnön.');
        await anna.getByRole('button', { name: 'Transfer', exact: true }).click();
        await anna.locator('#toast', { hasText: 'Transferred to Vili.' }).waitFor();
        await vili.locator('#toast', { hasText: `Asia ${third} siirrettiin sinulle.` }).waitFor();
        await vili.locator('#mine .case-item', { hasText: third }).click();
        await vili.locator('.summary-handover', { hasText: 'Anna → Vili: Asiakas haluaa soittopyynnön.' }).waitFor();

        await mkdir(ARTIFACTS, { recursive: true });
        await sari.locator('#team-agents tr[data-login="anna"]', { hasText: '1 / 2' }).waitFor();
        await sari.screenshot({ path: path.join(ARTIFACTS, 'agent-console-team-panel.png') });
        await vili.screenshot({ path: path.join(ARTIFACTS, 'agent-console-handover.png') });
        expect(errors).toEqual([]);
      },
      TIMEOUT,
    );
  });
}
