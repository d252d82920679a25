import { EDGE_AGENT, startEdgeServer, type EdgeServer } from './edge-server.js';

/** Registers this finding's tests; ./findings-h6-to-l12.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function l12ForwardedHeadersFromUntrustedClients(): void {
  // L12: X-Forwarded-Host and X-Forwarded-Proto were believed from any client, so anyone could have the
  // bot hand out URLs on their host, or claim HTTPS.

  const FORWARDED = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };

  let direct: EdgeServer;
  let behindProxy: EdgeServer;

  beforeAll(async () => {
    direct = await startEdgeServer();
    behindProxy = await startEdgeServer({ TRUSTED_PROXIES: 'loopback' });
  }, 60_000);
  afterAll(async () => {
    await direct?.stop();
    await behindProxy?.stop();
  });

  async function chatToken(server: EdgeServer) {
    const response = await fetch(`${server.url}/chat/token`, { method: 'POST', headers: FORWARDED });
    expect(response.status).toBe(200);
    return (await response.json()) as { token: string; conversationId: string; domain: string };
  }

  async function startConversation(server: EdgeServer) {
    const { token } = await chatToken(server);
    const response = await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST', headers: { ...FORWARDED, authorization: `Bearer ${token}` } });
    expect(response.status).toBe(201);
    return (await response.json()) as { streamUrl: string };
  }

  async function signInCookie(server: EdgeServer): Promise<string> {
    const response = await fetch(`${server.url}/api/agent/sign-in`, {
      method: 'POST',
      headers: { ...FORWARDED, 'content-type': 'application/json' },
      body: JSON.stringify({ login: EDGE_AGENT.login, password: EDGE_AGENT.password }),
    });
    expect(response.status).toBe(200);
    return response.headers.get('set-cookie') ?? '';
  }

  describe('a client that is not a trusted proxy', () => {
    test('POST /chat/token with X-Forwarded-Host: evil.example answers a Direct Line domain on the real Host', async () => {
      expect((await chatToken(direct)).domain).toBe(`${direct.url}/v3/directline`);
    });

    test('the WebSocket stream URL stays on the real Host and scheme', async () => {
      expect((await startConversation(direct)).streamUrl.startsWith(`${direct.url.replace('http:', 'ws:')}/v3/directline/conversations/`)).toBe(true);
    });

    test('X-Forwarded-Proto: https does not make the session cookie Secure over plain HTTP', async () => {
      expect(await signInCookie(direct)).not.toMatch(/;\s*Secure/i);
    });

    test("the chat page's connect-src names the real origin, not the forwarded one", async () => {
      const csp = (await fetch(`${direct.url}/chat`, { headers: FORWARDED })).headers.get('content-security-policy') ?? '';
      expect(csp).toContain(`connect-src 'self' ${direct.url.replace('http:', 'ws:')}`);
      expect(csp).not.toContain('evil.example');
    });
  });

  describe('behind a trusted proxy (TRUSTED_PROXIES=loopback)', () => {
    test('the forwarded host and scheme are honoured for the Direct Line domain', async () => {
      expect((await chatToken(behindProxy)).domain).toBe('https://evil.example/v3/directline');
    });

    test('the stream URL uses wss on the forwarded host', async () => {
      expect((await startConversation(behindProxy)).streamUrl.startsWith('wss://evil.example/v3/directline/conversations/')).toBe(true);
    });

    test('the session cookie is Secure when the proxy says the client used HTTPS', async () => {
      expect(await signInCookie(behindProxy)).toMatch(/;\s*Secure/i);
    });
  });
}
