import http from 'node:http';
import net from 'node:net';
import { UpgradeRoutes } from '../../../bot/http/upgrade-routes.js';
import { createMemoryLogger } from '../../../core/index.js';

/** Registers this file's tests; ../app-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function httpUpgradeRoutes(): void {
  let server: http.Server;
  let port: number;
  const logger = createMemoryLogger();

  beforeAll(async () => {
    server = http.createServer((_req, res) => res.end('ok'));
    const routes = UpgradeRoutes.attach(server, logger);
    routes.add({
      claims: (pathname) => pathname === '/broken',
      handle: () => {
        throw new Error('a bug in the route');
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** The whole answer to an upgrade request, read until the server closes the socket. */
  function upgrade(path: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
    });
  }

  describe('UpgradeRoutes: every upgrade is answered and closed', () => {
    test('an upgrade to a path no route claims gets 404 in our error shape, and the server closes the socket', async () => {
      const answer = await upgrade('/healthz');
      expect(answer).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
      expect(JSON.parse(answer.split('\r\n\r\n')[1]!)).toEqual({ error: { code: 'not_found', message: 'no WebSocket is served at /healthz' } });
    });

    test('a route that throws does not end the process: the client gets 500, the error is logged with its stack, and the server keeps answering', async () => {
      expect(await upgrade('/broken')).toMatch(/^HTTP\/1\.1 500 /);
      expect(logger.lines.find((line) => line.includes('an upgrade handler failed'))).toMatch(/a bug in the route/);
      expect(await upgrade('/healthz')).toMatch(/^HTTP\/1\.1 404 /);
    });

    test('an absolute-form target is refused with 400 before any route sees it', async () => {
      expect(await upgrade('http://[bad/x')).toMatch(/^HTTP\/1\.1 400 /);
      expect(await upgrade('http://example.com/broken')).toMatch(/^HTTP\/1\.1 400 /);
    });
  });
}
