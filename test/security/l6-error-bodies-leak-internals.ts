import type { Request, Response } from 'restify';
import { startEdgeServer, type EdgeServer } from './edge-server.js';

/** Registers this finding's tests; ./findings-l2-to-l7.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function l6ErrorBodiesLeakInternals(): void {
  // L6: an exception escaping a route went out as restify's `{"code":"Internal","message":"<ErrorName>: ..."}`,
  // outside our documented shape and naming our internals.

  let server: EdgeServer;

  beforeAll(async () => {
    server = await startEdgeServer();
    // Routes that fail the ways real ones can: an exception with internals in its text, a rejection
    // that is not an Error, and a restify error with its own status.
    server.app.server.get('/test/throws', async (_req: Request, _res: Response) => {
      throw new Error('ConversationLimitError: /srv/vastaa/data holds 10000 conversations; getaddrinfo ENOTFOUND login.botframework.com');
    });
    server.app.server.get('/test/rejects-with-text', async (_req: Request, _res: Response) => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw 'secret internal state';
    });
    server.app.server.get('/test/unavailable', async (_req: Request, _res: Response) => {
      throw Object.assign(new Error('pool exhausted at db-7.internal:5432'), { statusCode: 503 });
    });
  }, 60_000);
  afterAll(async () => server?.stop());

  async function get(route: string, init: RequestInit = {}) {
    const response = await fetch(`${server.url}${route}`, init);
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as unknown, type: response.headers.get('content-type') };
  }

  describe('error bodies', () => {
    test('an exception thrown in a route is a 500 internal_error in our shape that names none of its text', async () => {
      const response = await get('/test/throws');
      expect(response.status).toBe(500);
      expect(response.body).toEqual({
        error: { code: 'internal_error', message: 'the server could not handle the request; the details are in the server log' },
      });
      expect(response.text).not.toMatch(/ConversationLimitError|ENOTFOUND|\/srv|stack|Internal"/);
      expect(response.type).toMatch(/^application\/json/);
    });

    test('the exception still reaches the server log, with its stack, for the operator', async () => {
      await get('/test/throws');
      expect(server.logs.some((line) => line.includes('request failed') && line.includes('ENOTFOUND') && line.includes('at '))).toBe(true);
    });

    test('a route that rejects with a bare string is a 500 internal_error, not the string', async () => {
      const response = await get('/test/rejects-with-text');
      expect(response.status).toBe(500);
      expect(response.body).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
      expect(response.text).not.toContain('secret internal state');
    });

    test('an error carrying status 503 keeps its status but not its message', async () => {
      const response = await get('/test/unavailable');
      expect(response.status).toBe(503);
      expect(response.body).toEqual({
        error: { code: 'service_unavailable', message: 'the server could not handle the request; the details are in the server log' },
      });
      expect(response.text).not.toContain('db-7');
    });

    test('an unknown route is a 404 in our shape', async () => {
      const response = await get('/no/such/route');
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: { code: 'not_found', message: 'there is no GET /no/such/route; see the README for the routes' } });
    });

    test('a wrong method is a 405 in our shape', async () => {
      const response = await get('/chat/token', { method: 'PUT' });
      expect(response.status).toBe(405);
      expect(response.body).toEqual({ error: { code: 'method_not_allowed', message: 'PUT is not allowed on /chat/token' } });
    });

    test('the server keeps answering after failed routes', async () => {
      await get('/test/throws');
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    });
  });
}
