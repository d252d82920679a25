import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { releaseChromium, sharedChromium } from '../../../support/browser.js';
import { startSmtpInbox, type SmtpInbox } from '../../../support/smtp-inbox.js';
import { startVastaa, VILI, type Vastaa } from '../../../support/vastaa.js';

/** Registers this file's tests; ./chat-page-in-browser.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function emailWhenGoneInBrowser(): void {
  // The customer in a real chat page (Debian's Chromium) takes the email offer and closes the tab; the agent's
  // reply arrives at a real SMTP server on loopback, and the console in the same browser tells the truth about it.
  // Monday 20:30 in Helsinki: after hours, so the offer comes with the next step.
  const MONDAY_EVENING = new Date('2026-11-23T18:30:00Z');
  const TIMEOUT = 90_000;

  let bot: Vastaa;
  let inbox: SmtpInbox;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    bot = await startVastaa({
      agents: [VILI],
      now: () => MONDAY_EVENING,
      env: { SMTP_URL: inbox.url, MAIL_FROM: 'asiakaspalvelu@example.fi', PUBLIC_URL: 'https://chat.example.fi' },
    });
    browser = await sharedChromium();
  }, TIMEOUT);
  afterAll(async () => {
    await releaseChromium(browser);
    await bot?.stop();
    await inbox?.close();
  });

  async function openPage(locale: string): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    return page;
  }

  const botMessages = (page: Page) => page.locator('.webchat__stacked-layout:not(.webchat__stacked-layout--from-user) .webchat__bubble__content');

  async function send(page: Page, text: string): Promise<void> {
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(text);
    await input.press('Enter');
  }

  async function tap(page: Page, name: string): Promise<void> {
    await page.getByRole('toolbar').getByRole('button', { name }).filter({ visible: true }).click();
  }

  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  test(
    'email arrives when the customer is gone; the console shows "not connected — emailed" for that reply and "seen" for the one read',
    async () => {
      const chat = await openPage('fi-FI');
      await chat.goto(`${bot.url}/`);
      await botMessages(chat).filter({ hasText: 'Hei! Olen Vastaa-botti' }).waitFor();
      await send(chat, 'haluan puhua ihmisen kanssa');
      await botMessages(chat).filter({ hasText: 'Pidä tämä sivu auki tai palaa myöhemmin tälle sivulle.' }).waitFor();
      await botMessages(chat).filter({ hasText: 'Haluatko vastauksen myös sähköpostiisi?' }).waitFor();
      await tap(chat, 'Kyllä, sähköpostiin');
      await botMessages(chat).filter({ hasText: 'Kirjoita sähköpostiosoitteesi.' }).waitFor();
      await send(chat, 'liisa.virtanen@example.fi');
      await botMessages(chat).filter({ hasText: 'Lähetänkö vastauksen osoitteeseen liisa.virtanen@example.fi?' }).waitFor();
      await tap(chat, 'Kyllä');
      await botMessages(chat).filter({ hasText: 'Voit sulkea sivun.' }).waitFor();

      const conversationId = await chat.evaluate(() => (globalThis as unknown as { vastaaChat: { conversationId: string } }).vastaaChat.conversationId);
      const caseId = (await bot.app.desk.agent.conversation(`vastaa-directline/${conversationId}`))!.openCaseId!;
      const cookie = await bot.signIn(VILI);
      const agentSays = async (text: string) =>
        expect((await bot.call('POST', `/api/agent/cases/${caseId}/reply`, { cookie, body: { text } })).status).toBe(200);
      expect((await bot.call('POST', `/api/agent/cases/${caseId}/claim`, { cookie })).status).toBe(200);

      // The first reply reaches the open page, which has focus: the page reports it seen.
      await chat.bringToFront();
      await agentSays('Hei Liisa, katson asiaa.');
      await botMessages(chat).filter({ hasText: 'Hei Liisa, katson asiaa.' }).waitFor();
      const seen = await eventually(
        () => bot.app.desk.agent.getCase(caseId),
        (record) => record.events.some((event) => event.delivery?.seenAt),
      );
      expect(seen.events.filter((event) => event.event === 'replied').map((event) => event.delivery)).toEqual([
        { stream: 'delivered', seenAt: MONDAY_EVENING.toISOString() },
      ]);

      // The customer closes the tab; the second reply goes by email.
      await chat.context().close();
      await eventually(
        async () => (await bot.app.channels.directLine!.presence.presence(conversationId)).connected,
        (connected) => !connected,
      );
      const before = inbox.mails.length;
      await agentSays('Korjasin laskusi. Hyvitys näkyy seuraavassa laskussa.');
      const [mail] = (await inbox.waitFor(before + 1, 10_000)).slice(before);
      expect(mail!.to).toEqual(['liisa.virtanen@example.fi']);
      expect(mail!.headers.subject).toBe(`Vastaus asiaasi ${caseId}`);
      expect(mail!.text).toContain('Asiakaspalvelijamme Vili vastasi sinulle chatissa:\n\nKorjasin laskusi. Hyvitys näkyy seuraavassa laskussa.\n\n– Vili');
      expect(mail!.text).toContain('Jatka keskustelua chatissa: https://chat.example.fi/chat');
      expect(mail!.html).toContain('<a href="https://chat.example.fi/chat">');
      // Only the reply it is about: not the one the customer already saw, not what they asked.
      expect(mail!.raw).not.toMatch(/katson asiaa|haluan puhua/);

      // The console, in the same browser, tells the truth about both replies.
      const console_ = await openPage('fi-FI');
      await console_.goto(`${bot.url}/agent`);
      await console_.getByLabel('Käyttäjätunnus').fill('vili');
      await console_.getByLabel('Salasana').fill(VILI.password);
      await console_.getByLabel('Salasana').press('Enter');
      await console_.getByRole('heading', { name: 'Asiakaspalvelijan näkymä' }).waitFor();
      // Signing in reloads the page; the live stream is up only on the reloaded one, so going to the case
      // now cannot be cut short by that reload. A new hash alone does not load the page: reload it.
      await console_.locator('#live', { hasText: 'Ajan tasalla' }).waitFor();
      await console_.goto(`${bot.url}/agent#${caseId}`);
      await console_.reload();
      const lines = console_.locator('#transcript .from-agent');
      await lines.filter({ hasText: 'Hei Liisa, katson asiaa.' }).locator('.delivery', { hasText: 'Asiakas näki viestin' }).waitFor();
      await lines.filter({ hasText: 'Korjasin laskusi.' }).locator('.delivery', { hasText: 'Asiakas ei ole yhteydessä – lähetetty sähköpostiin' }).waitFor();
      await expect(console_.locator('#transcript').innerText()).resolves.not.toMatch(/Lähetetty\./);
      // The summary says replies go by email, with only a hint of the address.
      await expect(console_.locator('.summary-email').innerText()).resolves.toBe(
        'li•••@example.fi – vahvistettu; vastaukset lähetetään sähköpostiin, kun asiakas ei ole yhteydessä',
      );
      await expect(console_.locator('body').innerText()).resolves.not.toContain('liisa.virtanen');
      expect(errors).toEqual([]);
    },
    TIMEOUT,
  );
}
