import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { fillAndKeep, releaseChromium, sharedChromium } from '../../support/browser.js';
import { startConsoleBot, VILI, type ConsoleBot } from '../../support/console-bot.js';
import { startFakeChannel, type FakeChannel } from '../../support/fake-channel.js';
import { PROJECT_ROOT } from '../../support/test-bot.js';

/** Registers this file's tests; ./console-in-browser.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function agentConsoleInBrowser(): void {
  // A real browser on the real console: Debian's Chromium, never a downloaded one. When it is missing
  // this test fails (it never skips): .ci/run installs it.
  const ARTIFACTS = path.join(PROJECT_ROOT, 'test-artifacts');
  const TIMEOUT = 120_000;

  let bot: ConsoleBot;
  let customerChannel: FakeChannel;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  let navigations = 0;

  beforeAll(async () => {
    bot = await startConsoleBot();
    customerChannel = await startFakeChannel();
    browser = await sharedChromium();
    page = await browser.newPage({ locale: 'fi-FI', viewport: { width: 1366, height: 900 } });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    // Full page loads only: opening a case changes just the #hash.
    page.on('load', () => (navigations += 1));
  }, TIMEOUT);
  afterAll(async () => {
    await releaseChromium(browser);
    await customerChannel?.close();
    await bot?.stop();
  });

  describe('the agent console in the browser', () => {
    test(
      'an agent signs in, sees a new case appear live, claims it, answers with an edited canned reply and closes it; the customer gets the reply and a rating prompt',
      async () => {
        await page.goto(`${bot.url}/agent`);
        await page.getByRole('heading', { name: 'Kirjaudu asiakaspalvelijan näkymään' }).waitFor();
        await page.getByLabel('Käyttäjätunnus').fill('vili');
        await page.getByLabel('Salasana').fill(VILI.password);
        await page.getByLabel('Salasana').press('Enter');
        await page.getByRole('heading', { name: 'Asiakaspalvelijan näkymä' }).waitFor();
        await page.locator('#live', { hasText: 'Ajan tasalla' }).waitFor();
        await page.locator('#queue', { hasText: 'Kukaan ei odota.' }).waitFor();
        const loadsBefore = navigations;

        // The customer asks for a person through /api/messages; their channel is the fake connector.
        const replies = await bot.customerSays('haluan puhua ihmisen kanssa', { conversationId: 'browser-customer', serviceUrl: customerChannel.serviceUrl });
        const caseId = replies.find((activity) => activity.name === 'handoff.initiate')?.value?.caseId as string;
        expect(caseId).toMatch(/^C-\d+$/);

        // The case appears in the queue without a reload: reason badge, language, channel, first line.
        const item = page.locator('#queue .case-item', { hasText: caseId });
        await item.waitFor();
        await expect(item.innerText()).resolves.toMatch(/Pyysi ihmistä[\s\S]*haluan puhua ihmisen kanssa[\s\S]*FI[\s\S]*emulator[\s\S]*odottanut/);
        await page.locator('#metric-queue dd', { hasText: '1' }).waitFor();
        expect(navigations).toBe(loadsBefore);

        // Keyboard: focus the case in the queue and open it with Enter.
        await item.focus();
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: new RegExp(caseId) }).waitFor();
        const summary = page.locator('.summary');
        await expect(summary.locator('.summary-need').innerText()).resolves.toBe('haluan puhua ihmisen kanssa');
        // The reason in words from messages/case-summary.yaml, never the raw code.
        await expect(summary.locator('.summary-reason').innerText()).resolves.toContain('Asiakas pyysi ihmistä');
        await expect(summary.innerText()).resolves.not.toMatch(/customer_request|sensitive_topic/);
        await page.locator('#transcript .from-customer', { hasText: 'haluan puhua ihmisen kanssa' }).waitFor();
        await page.locator('#transcript .from-bot').first().waitFor();

        await page.getByRole('button', { name: 'Ota asia' }).click();
        await page.locator('.case-status', { hasText: 'Asia on sinulla.' }).waitFor();
        await page.locator('#mine .case-item', { hasText: caseId }).waitFor();

        // A canned reply is inserted, edited, and sent with Enter.
        await page.getByLabel('Valmiit vastaukset').selectOption({ label: 'Tervehdys' });
        await page.getByRole('button', { name: 'Lisää', exact: true }).click();
        const replyBox = page.locator('#reply-text');
        await expect(replyBox.inputValue()).resolves.toContain('Hei, olen asiakaspalvelusta');
        await replyBox.press('End');
        await replyBox.pressSequentially(' Mistä on kyse?');
        await replyBox.press('Enter');

        const delivered = await customerChannel.waitFor((activity) => activity.type === 'message' && (activity.text ?? '').includes('Mistä on kyse?'), 15_000);
        expect(delivered.text).toBe('Hei, olen asiakaspalvelusta ja autan sinua tässä asiassa. Luin jo keskustelusi botin kanssa. Mistä on kyse?\n\n– Vili');
        expect(delivered.from.name).toBe('Vili');
        await page.locator('#transcript .from-agent', { hasText: 'Mistä on kyse?' }).waitFor();

        // The customer answers; it shows in the open case without a reload.
        await bot.customerSays('Laskussani on virhe, tilaus T12345678', { conversationId: 'browser-customer', serviceUrl: customerChannel.serviceUrl });
        await page.locator('#transcript .from-customer', { hasText: 'Laskussani on virhe' }).waitFor();
        expect(navigations).toBe(loadsBefore);

        await page.getByLabel('Lisää muistiinpano').fill('Tarkista lasku huomenna.');
        await page.getByRole('button', { name: 'Lisää muistiinpano' }).click();
        await page.locator('#notes', { hasText: 'Tarkista lasku huomenna.' }).waitFor();

        // Another customer, upset and in English, joins the queue (for the screenshot: the queue with a case in it).
        await bot.customerSays('I have asked three times already and nobody answers', { conversationId: 'browser-second', locale: 'en-US' });
        await bot.customerSays('I want to talk to a person NOW', { conversationId: 'browser-second', locale: 'en-US' });
        await page.locator('#queue .case-item', { hasText: 'EN' }).waitFor();
        await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
        await mkdir(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: path.join(ARTIFACTS, 'agent-console.png'), fullPage: false });

        await fillAndKeep(page.getByLabel('Ratkaisu'), 'Laskun korjaus luvattu');
        await page.getByRole('button', { name: 'Sulje ja pyydä arvio' }).click();
        const prompt = await customerChannel.waitFor((activity) => activity.type === 'message' && (activity.text ?? '').includes('1–5'), 15_000);
        expect(prompt.suggestedActions?.actions.map((action) => action.title)).toEqual(['1', '2', '3', '4', '5']);
        await page.locator('.case-status', { hasText: 'Asia on suljettu.' }).waitFor();
        expect(await bot.app.desk.agent.getCase(caseId)).toMatchObject({ status: 'closed', resolution: 'Laskun korjaus luvattu', agent: 'vili' });
        await page.locator('#mine', { hasText: 'Sinulla ei ole avoimia asioita.' }).waitFor();

        expect(navigations).toBe(loadsBefore);
        expect(errors).toEqual([]);
      },
      TIMEOUT,
    );
  });
}
