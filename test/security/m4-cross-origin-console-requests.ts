import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { startConsoleBot, VILI, type ConsoleBot } from '../support/console-bot.js';

/** Registers this finding's tests; ./findings-m4-and-later.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function m4CrossOriginConsoleRequests(): void {
  // The review: no state-changing console route checked Origin or Sec-Fetch-Site, and all accepted form
  // bodies. SameSite=Strict is decided by site, which ignores the port: a page on http://127.0.0.1:4299
  // auto-submitted a form to the console on http://127.0.0.1:4201 and the note was written as vili.

  const TIMEOUT = 120_000;

  let bot: ConsoleBot;
  let browser: Browser;
  let attacker: http.Server;
  let attackerUrl: string;
  let attackerPage = '';

  beforeAll(async () => {
    bot = await startConsoleBot({ env: { AGENT_API_TOKENS: 'crm:act:crm-token-0123456789abcdef' } });
    attacker = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(attackerPage);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => attacker?.close(resolve));
    await bot?.stop();
  });

  async function openCase(conversationId: string): Promise<string> {
    const activities = await bot.customerSays('haluan puhua ihmisen kanssa', { conversationId });
    return activities.find((activity) => activity.name === 'handoff.initiate')!.value.caseId;
  }

  /** A browser where vili is signed in to the console (the cookie as the sign-in form would set it). */
  async function signedInBrowser() {
    const context = await browser.newContext();
    const cookie = await bot.signIn(VILI);
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name: name!, value: value!, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Strict' }]);
    return { context, cookie };
  }

  async function notesOf(caseId: string, cookie: string): Promise<unknown[]> {
    return (await bot.call('GET', `/api/agent/cases/${caseId}`, { cookie })).body.case.notes;
  }

  describe('M4: a page on another origin of the same site, in Chromium', () => {
    test(
      'an auto-submitting form from http://127.0.0.1:<other port> that adds a note is refused and no note is written',
      async () => {
        const caseId = await openCase('m4-form');
        const { context, cookie } = await signedInBrowser();
        const target = `${bot.url}/api/agent/cases/${caseId}/notes`;
        attackerPage = `<!doctype html><form method="post" action="${target}"><input name="text" value="written by another page"></form><script>document.forms[0].submit()</script>`;
        const page = await context.newPage();
        const answered = page.waitForResponse((response) => response.url() === target);
        await page.goto(attackerUrl);
        const response = await answered;
        // Two defences stop a form: its body is not JSON (415, checked before any byte is read) and its
        // origin is not the console's (403 cross_origin, which the JSON variants below exercise).
        expect([403, 415]).toContain(response.status());
        expect((await response.json()) as { error: { code: string } }).toMatchObject({
          error: { code: expect.stringMatching(/^(cross_origin|unsupported_media_type)$/) },
        });
        expect(await notesOf(caseId, cookie)).toEqual([]);
        await context.close();
      },
      TIMEOUT,
    );

    test(
      'a fetch with credentials and a JSON body as text/plain from the other origin is refused and no note is written',
      async () => {
        const caseId = await openCase('m4-fetch');
        const { context, cookie } = await signedInBrowser();
        const target = `${bot.url}/api/agent/cases/${caseId}/notes`;
        attackerPage = `<!doctype html><script>fetch(${JSON.stringify(target)}, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ text: 'written by fetch' }) })</script>`;
        const page = await context.newPage();
        const answered = page.waitForResponse((response) => response.url() === target);
        await page.goto(attackerUrl);
        // The body parser refuses text/plain before the origin check could (415); either way, refused.
        expect([403, 415]).toContain((await answered).status());
        expect(await notesOf(caseId, cookie)).toEqual([]);
        await context.close();
      },
      TIMEOUT,
    );

    test(
      'the console page itself still adds a note (same origin)',
      async () => {
        const caseId = await openCase('m4-own-page');
        const { context, cookie } = await signedInBrowser();
        const page = await context.newPage();
        await page.goto(`${bot.url}/agent`);
        const status = await page.evaluate(async (route) => {
          const response = await fetch(route, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ text: 'from the console' }),
          });
          return response.status;
        }, `/api/agent/cases/${caseId}/notes`);
        expect(status).toBe(200);
        expect(await notesOf(caseId, cookie)).toEqual([expect.objectContaining({ agent: 'vili', text: 'from the console' })]);
        await context.close();
      },
      TIMEOUT,
    );
  });

  describe('M4: the same checks without a browser', () => {
    test('with the session cookie, a foreign Origin, a cross-site Sec-Fetch-Site or neither header is refused with 403 cross_origin', async () => {
      const caseId = await openCase('m4-headers');
      const cookie = await bot.signIn(VILI);
      const variants: Record<string, string>[] = [
        { origin: 'https://evil.example' },
        { origin: 'null' },
        { origin: '', 'sec-fetch-site': 'same-site' },
        { origin: '' },
      ];
      for (const headers of variants) {
        const response = await fetch(`${bot.url}/api/agent/cases/${caseId}/notes`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json', ...Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== '')) },
          body: JSON.stringify({ text: 'not from the console' }),
        });
        expect([headers, response.status, ((await response.json()) as { error: { code: string } }).error.code]).toEqual([headers, 403, 'cross_origin']);
      }
      expect(await notesOf(caseId, cookie)).toEqual([]);
    });

    test('a form-encoded body from the console’s own origin is refused with 415: console routes take JSON only', async () => {
      const caseId = await openCase('m4-form-body');
      const cookie = await bot.signIn(VILI);
      const response = await fetch(`${bot.url}/api/agent/cases/${caseId}/notes`, {
        method: 'POST',
        headers: { cookie, origin: bot.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'text=form+body',
      });
      expect(response.status).toBe(415);
      expect(await notesOf(caseId, cookie)).toEqual([]);
    });

    test('an integration with a token and no browser headers (no Origin, no cookie) still adds a note', async () => {
      const caseId = await openCase('m4-token');
      const response = await fetch(`${bot.url}/api/agent/cases/${caseId}/notes`, {
        method: 'POST',
        headers: { authorization: 'Bearer crm-token-0123456789abcdef', 'x-agent-login': 'vili', 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'from the CRM' }),
      });
      expect(response.status).toBe(200);
    });

    test('sign-out from another origin is refused and the session lives on; sign-out without a session changes nothing', async () => {
      const cookie = await bot.signIn(VILI);
      const foreign = await fetch(`${bot.url}/api/agent/sign-out`, { method: 'POST', headers: { cookie, origin: 'http://127.0.0.1:1' } });
      expect(foreign.status).toBe(403);
      expect((await bot.call('GET', '/api/agent/me', { cookie })).status).toBe(200);
      const anonymous = await fetch(`${bot.url}/api/agent/sign-out`, { method: 'POST' });
      expect(anonymous.status).toBe(204);
      expect(anonymous.headers.get('set-cookie')).toBeNull();
    });
  });
}
