import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { readConfig } from '../../bot/config.js';
import { EDGE_AGENT, EDGE_TOKENS, startEdgeServer, type EdgeServer } from './edge-server.js';

/** Registers this finding's tests; ./findings-l2-to-l7.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function l5MissingSecurityHeaders(): void {
  // L5: /chat could be framed by any site, its connect-src allowed WebSockets to any host, its styles
  // needed 'unsafe-inline', a case's transcript could be cached, and the Messenger challenge echo
  // could be sniffed as HTML.

  const TIMEOUT = 90_000;

  let server: EdgeServer;
  let framing: EdgeServer;
  let browser: Browser;
  /** A page on another origin (localhost instead of 127.0.0.1) that embeds whatever `embedded` points at. */
  let parent: http.Server;
  let parentOrigin: string;
  let embedded = '';

  beforeAll(async () => {
    parent = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>shop</title><iframe id="chat" src="${embedded}" width="600" height="700"></iframe>`);
    });
    await new Promise<void>((resolve) => parent.listen(0, '127.0.0.1', resolve));
    parentOrigin = `http://localhost:${(parent.address() as AddressInfo).port}`;
    server = await startEdgeServer();
    framing = await startEdgeServer({ CHAT_FRAME_ANCESTORS: `${parentOrigin}, https://*.example.fi` });
    browser = await launchChromium();
  }, TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await framing?.stop();
    await new Promise((resolve) => parent?.close(resolve));
  });

  function directives(csp: string | null): Map<string, string> {
    return new Map(
      (csp ?? '')
        .split(';')
        .map((part) => part.trim().split(/\s+/))
        .map(([name, ...values]) => [name!, values.join(' ')]),
    );
  }

  describe('the chat page', () => {
    test('has a CSP without unsafe-inline, nosniff, no Referer, no caching, and only this server may frame it by default', async () => {
      const response = await fetch(`${server.url}/chat`);
      const csp = response.headers.get('content-security-policy');
      expect(csp).not.toContain('unsafe-inline');
      expect(directives(csp).get('frame-ancestors')).toBe("'self'");
      expect(directives(csp).get('script-src')).toBe("'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cache-control')).toBe('no-store');
    });

    test('may open WebSockets only to its own origin, not to any host', async () => {
      const response = await fetch(`${server.url}/chat`);
      const connect = directives(response.headers.get('content-security-policy')).get('connect-src');
      expect(connect).toBe(`'self' ${server.url.replace('http:', 'ws:')}`);
    });

    test('style-src allows only our files and the nonce of this response, which the page hands to Web Chat', async () => {
      const response = await fetch(`${server.url}/chat`);
      const styles = directives(response.headers.get('content-security-policy')).get('style-src')!;
      const nonce = /^'self' 'nonce-([A-Za-z0-9+/=]{20,})'$/.exec(styles)?.[1];
      expect(nonce).toBeDefined();
      expect(await response.text()).toContain(`"styleNonce":"${nonce}"`);
      const again = directives((await fetch(`${server.url}/chat`)).headers.get('content-security-policy')).get('style-src');
      expect(again).not.toBe(styles);
    });

    test('CHAT_FRAME_ANCESTORS lists the sites that may embed the chat', async () => {
      const response = await fetch(`${framing.url}/chat`);
      expect(directives(response.headers.get('content-security-policy')).get('frame-ancestors')).toBe(`${parentOrigin} https://*.example.fi`);
      expect(response.headers.get('x-frame-options')).toBeNull();
    });

    test('a CHAT_FRAME_ANCESTORS entry that is not an origin is refused at start-up', () => {
      for (const bad of ['*', 'https://www.example.fi/chat', "https://a.fi; script-src 'unsafe-inline'", 'self, none']) {
        expect(() => readConfig({ CHAT_FRAME_ANCESTORS: bad })).toThrow(/CHAT_FRAME_ANCESTORS/);
      }
      expect(readConfig({ CHAT_FRAME_ANCESTORS: "self, 'self', https://Shop.Example.fi:8443/" }).CHAT_FRAME_ANCESTORS).toEqual([
        "'self'",
        "'self'",
        'https://shop.example.fi:8443',
      ]);
    });

    test(
      'Web Chat renders under the policy with no CSP violation',
      async () => {
        const page = await browser.newPage({ locale: 'fi-FI' });
        // Every CSP violation on the page, as the browser reports it to the page itself.
        await page.addInitScript({
          content: `window.violations = []; document.addEventListener('securitypolicyviolation', (event) => window.violations.push(event.violatedDirective + ' ' + event.blockedURI));`,
        });
        await page.goto(`${server.url}/chat`);
        await page.locator('[data-id="webchat-sendbox-input"]').waitFor();
        await page.locator('.webchat__bubble__content').first().waitFor();
        // Web Chat's run-time style sheets are in place (with the nonce), each of them applied.
        const sheets = (await page.evaluate(`[...document.querySelectorAll('style')].map((style) => style.sheet !== null)`)) as boolean[];
        expect(sheets.length).toBeGreaterThan(0);
        expect(sheets.every(Boolean)).toBe(true);
        expect(await page.evaluate('window.violations')).toEqual([]);
        await page.close();
      },
      TIMEOUT,
    );

    test(
      'a site not in CHAT_FRAME_ANCESTORS cannot show the chat in an iframe; a listed one can',
      async () => {
        const page = await browser.newPage();
        embedded = `${server.url}/chat`;
        const refused = page.waitForEvent('console', { predicate: (message) => /frame-ancestors/.test(message.text()), timeout: 30_000 });
        await page.goto(parentOrigin);
        await refused;
        expect(page.frames().some((frame) => frame.url().startsWith(server.url) && frame.url() !== 'about:blank')).toBe(false);

        embedded = `${framing.url}/chat`;
        await page.goto(parentOrigin);
        await page.frameLocator('#chat').locator('[data-id="webchat-sendbox-input"]').waitFor();
        await page.close();
      },
      TIMEOUT,
    );
  });

  describe('the agent console page', () => {
    test('may never be framed and has no unsafe-inline', async () => {
      const response = await fetch(`${server.url}/agent`);
      const csp = response.headers.get('content-security-policy');
      expect(directives(csp).get('frame-ancestors')).toBe("'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });

  describe('responses with personal data', () => {
    test('a case with its transcript, the agent list, metrics and a customer export are never cached', async () => {
      await server.post({ conversation: { id: 'l5-case' }, from: { id: 'l5-customer' }, text: 'haluan puhua ihmiselle' });
      const signIn = await fetch(`${server.url}/api/agent/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: EDGE_AGENT.login, password: EDGE_AGENT.password }),
      });
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
      const [waiting] = await server.app.desk.agent.queue();
      expect(waiting).toBeDefined();
      const routes: [string, Record<string, string>][] = [
        [`/api/agent/cases/${waiting!.id}`, { cookie }],
        ['/api/agent/me', { cookie }],
        ['/api/metrics', { authorization: `Bearer ${EDGE_TOKENS.metrics}` }],
        ['/api/customers/test/l5-customer/data', { authorization: `Bearer ${EDGE_TOKENS.admin}` }],
      ];
      for (const [route, headers] of routes) {
        const response = await fetch(`${server.url}${route}`, { headers });
        expect([route, response.status, response.headers.get('cache-control')]).toEqual([route, 200, 'no-store']);
      }
    });

    test('the static chat script may still be cached by browsers', async () => {
      const response = await fetch(`${server.url}/chat/webchat.js`);
      expect(response.headers.get('cache-control')).toBe('public, max-age=86400');
    });
  });

  describe('the Messenger handshake', () => {
    test('echoes hub.challenge as plain text with nosniff, so a browser never runs it as HTML', async () => {
      const challenge = encodeURIComponent('<script>alert(1)</script>');
      const response = await fetch(`${server.url}/api/messenger?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=${challenge}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });
}
