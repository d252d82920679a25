import { mkdtemp, readdir, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { EDGE_TOKENS, startEdgeServer, type EdgeServer } from './edge-server.js';

/** Registers this finding's tests; ./findings-c1-to-h5.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function h2MultipartAndOversizedBodies(): void {
  // H2: restify's full bodyParser handed multipart bodies to formidable, which ignored MAX_BODY_BYTES
  // and left every file part in the OS temporary folder.

  let server: EdgeServer;
  let uploads: string;
  const originalTmpdir = process.env.TMPDIR;

  beforeAll(async () => {
    server = await startEdgeServer();
    // Every temporary file the server writes from now on lands here, where the tests can see it.
    uploads = await mkdtemp(path.join(os.tmpdir(), 'vastaa-h2-tmp-'));
    process.env.TMPDIR = uploads;
  }, 60_000);
  afterAll(async () => {
    if (originalTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = originalTmpdir;
    await server?.stop();
    await rm(uploads, { recursive: true, force: true });
  });

  /** Every route of the review's table, plus the other routes that take a body. */
  const BODY_ROUTES = [
    '/api/agent/sign-out',
    '/api/messages',
    '/v3/directline/tokens/generate',
    '/api/agent/sign-in',
    '/chat/token',
    '/v3/directline/conversations',
    '/v3/directline/conversations/some-conversation/activities',
    '/api/agent/cases/C-00001/notes',
    '/api/messenger',
  ];

  const MAX_BODY_BYTES = 262_144;

  async function errorOf(response: Response): Promise<{ code: string; message: string }> {
    return ((await response.json()) as { error: { code: string; message: string } }).error;
  }

  describe('bodies other than JSON', () => {
    test.each(BODY_ROUTES)('a 2 MB multipart upload to %s is refused with 415 and leaves no file in the temporary folder', async (route) => {
      const form = new FormData();
      form.append('login', 'vili');
      form.append('f', new Blob([Buffer.alloc(2_000_000, 'x')]), 'big.bin');
      const response = await fetch(`${server.url}${route}`, { method: 'POST', body: form });
      expect(response.status).toBe(415);
      expect(await errorOf(response)).toEqual({ code: 'unsupported_media_type', message: 'send the body as JSON with Content-Type: application/json' });
      expect(await readdir(uploads)).toEqual([]);
    });

    test.each(['application/x-www-form-urlencoded', 'text/plain', 'application/octet-stream'])(
      'a %s body is refused with 415 before the route runs',
      async (contentType) => {
        const response = await fetch(`${server.url}/api/agent/sign-in`, {
          method: 'POST',
          headers: { 'content-type': contentType },
          body: 'login=vili&password=x',
        });
        expect(response.status).toBe(415);
        expect((await errorOf(response)).code).toBe('unsupported_media_type');
      },
    );

    test('a gzip-compressed JSON body that would inflate past the limit is refused with 415, not inflated', async () => {
      const bomb = gzipSync(JSON.stringify({ type: 'message', text: 'a'.repeat(20_000_000) }));
      expect(bomb.length).toBeLessThan(MAX_BODY_BYTES);
      const response = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: bomb,
      });
      expect(response.status).toBe(415);
      expect(await errorOf(response)).toEqual({ code: 'unsupported_media_type', message: 'send the body uncompressed (no Content-Encoding)' });
    });
  });

  describe('size limits', () => {
    test.each(BODY_ROUTES)('a JSON body over MAX_BODY_BYTES to %s is refused with 413', async (route) => {
      const response = await fetch(`${server.url}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'a'.repeat(MAX_BODY_BYTES) }),
      });
      expect(response.status).toBe(413);
      expect(await errorOf(response)).toEqual({
        code: 'payload_too_large',
        message: `the request body is larger than ${MAX_BODY_BYTES} bytes (MAX_BODY_BYTES)`,
      });
    });

    test('a chunked JSON body that grows past the limit is refused with 413', async () => {
      const huge = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(10_000)));
          controller.close();
        },
      });
      const response = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: huge,
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
    });

    test('a Content-Length over the limit is answered 413 before the client sends any of the body', async () => {
      const { port } = new URL(server.url);
      // A raw socket, not http.request: nock's interceptor holds a request whose body never comes open
      // after the test (jest then had to force its worker to exit).
      const status = await new Promise<number>((resolve, reject) => {
        const socket = net.connect(Number(port), '127.0.0.1');
        let head = '';
        socket.setEncoding('utf8');
        socket.on('error', reject);
        socket.on('data', (chunk: string) => {
          head += chunk;
          const statusLine = /^HTTP\/1\.1 (\d{3})/.exec(head);
          if (!statusLine) return;
          socket.destroy();
          resolve(Number(statusLine[1]));
        });
        // Headers only: the server must decide without waiting for 50 MB that never come.
        socket.write(`POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n`);
      });
      expect(status).toBe(413);
    });
  });

  describe('requests without a body', () => {
    test('a bare POST /chat/token still gets a token', async () => {
      const response = await fetch(`${server.url}/chat/token`, { method: 'POST' });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { token: string }).token).toEqual(expect.any(String));
    });

    test('a DELETE without a body still erases a customer', async () => {
      const response = await fetch(`${server.url}/api/customers/test/customer-1`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${EDGE_TOKENS.admin}` },
      });
      expect(response.status).toBe(200);
    });

    test('a JSON body within the limit still reaches the route', async () => {
      const response = await fetch(`${server.url}/api/agent/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ login: 'vili', password: 'wrong' }),
      });
      expect(response.status).toBe(401);
      expect((await errorOf(response)).code).toBe('wrong_credentials');
    });

    test('malformed JSON is a 400 that says so', async () => {
      const response = await fetch(`${server.url}/api/agent/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"login":' });
      expect(response.status).toBe(400);
      expect((await errorOf(response)).message).toMatch(/^the body is not valid JSON/);
    });
  });
}
