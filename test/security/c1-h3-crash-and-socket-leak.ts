import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../support/test-bot.js';
import { nodeArgsFor } from '../support/compiled-project.js';

/** Registers this finding's tests; ./findings-c1-to-h5.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function c1H3CrashAndSocketLeak(): void {
  // C1 and H3 through the real process (bot/index.ts compiled to JavaScript, as an operator runs it).
  // An exception in a socket-level listener kills the whole process, and a socket nobody answers
  // holds a file descriptor for ever; both are only visible from outside the process.

  let bot: ChildProcess;
  let port: number;
  let dataDir: string;
  let output = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vastaa-c1-'));
    bot = spawn(process.execPath, nodeArgsFor('bot/index.ts'), {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        CONTENT_DIR: PROJECT_ROOT,
        CONTENT_RELOAD: 'off',
        LOG_LEVEL: 'info',
        DIRECT_LINE_TOKEN_KEY: 'c1-h3-test-key-0123456789abcdefghij',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    port = await new Promise<number>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const listening = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        if (listening) resolve(Number(listening[1]));
      };
      bot.stdout!.on('data', onData);
      bot.stderr!.on('data', onData);
      bot.once('exit', (code) => reject(new Error(`the bot exited with ${code} before listening:\n${output}`)));
    });
  }, 120_000);

  afterAll(async () => {
    if (bot.exitCode === null) {
      const exited = new Promise((resolve) => bot.once('exit', resolve));
      bot.kill('SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Sends raw bytes and resolves with the status line the server answered, or '' when it closed without one; fails when it does neither. */
  function rawRequest(text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
      let answer = '';
      socket.on('data', (chunk) => {
        answer += chunk.toString('latin1');
        // A well-formed request may be answered on a kept-alive connection: the status line is enough.
        if (answer.includes('\r\n')) {
          resolve(answer.split('\r\n')[0]!);
          socket.destroy();
        }
      });
      socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve(answer.split('\r\n')[0]!) : reject(error)));
      socket.on('close', () => resolve(answer.split('\r\n')[0]!));
      socket.setTimeout(10_000, () => {
        socket.destroy();
        reject(new Error(`no answer and no close within 10 s to ${JSON.stringify(text.split('\r\n')[0])}`));
      });
    });
  }

  function upgrade(target: string, protocol = 'websocket'): string {
    return `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: ${protocol}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;
  }

  /** One HTTP request on its own connection (no keep-alive pool, whose idle sockets would count as descriptors). */
  function request(method: string, target: string, body?: unknown): Promise<{ status: number; body: any }> {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method,
          path: target,
          agent: false,
          headers: { connection: 'close', ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  let turn = 0;
  async function askOpeningHours(): Promise<string[]> {
    const answer = await request('POST', '/api/messages', {
      type: 'message',
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:9',
      conversation: { id: `c1-test-${++turn}` },
      from: { id: 'customer-1' },
      recipient: { id: 'bot' },
      deliveryMode: 'expectReplies',
      locale: 'en-US',
      text: 'what are your opening hours',
    });
    expect(answer.status).toBe(200);
    return (answer.body.activities as { type: string; text?: string }[])
      .filter((activity) => activity.type === 'message')
      .map((activity) => activity.text ?? '');
  }

  const openDescriptors = () => readdirSync(`/proc/${bot.pid}/fd`).length;

  /** Waits (polling, not sleeping a fixed time) until the server holds at most `limit` descriptors. */
  async function descriptorsSettleTo(limit: number, timeoutMs = 15_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    let count = openDescriptors();
    while (count > limit && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      count = openDescriptors();
    }
    return count;
  }

  function expectAlive(): void {
    if (bot.exitCode !== null || bot.signalCode !== null)
      throw new Error(`the bot process exited (${bot.exitCode ?? bot.signalCode}):\n${output.slice(-3000)}`);
  }

  const CRASH_INPUTS: [string, string][] = [
    ['a stream upgrade with a malformed percent-escape (%zz)', upgrade('/v3/directline/conversations/%zz/stream?t=x')],
    ['a stream upgrade with a truncated UTF-8 escape (%E0%A4%A)', upgrade('/v3/directline/conversations/%E0%A4%A/stream')],
    ['an upgrade with an absolute-form target URL() cannot parse', upgrade('http://[bad/x')],
    ['a plain request with an absolute-form target URL() cannot parse', 'GET http://[bad/x HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a protocol-relative target with a bad host', 'GET //[bad/x HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a route parameter with a malformed percent-escape', 'GET /v3/directline/conversations/%zz/activities HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a request line that is not HTTP', 'BLAH\r\n\r\n'],
    ['an unknown HTTP version', 'GET / HTTP/9.9\r\nHost: x\r\n\r\n'],
    ['a header line without a colon', 'GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'],
    ['a NUL byte in the target', 'GET /he\u0000althz HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a stream upgrade without any token', upgrade('/v3/directline/conversations/abc/stream')],
    ['a stream upgrade that asks for another protocol', upgrade('/v3/directline/conversations/abc/stream?t=x', 'foo')],
  ];

  describe('C1: no request can stop the server', () => {
    test.each(CRASH_INPUTS)('%s is answered with a 4xx (or closed) and the process keeps running', async (_name, input) => {
      const status = await rawRequest(input);
      expect(status === '' || /^HTTP\/1\.1 4\d\d /.test(status)).toBe(true);
      expectAlive();
      expect((await request('GET', '/healthz')).status).toBe(200);
    });
  });

  describe('C1 and H3 together: after every crash and leak input the bot still answers and holds no extra descriptors', () => {
    test('200 upgrades to /healthz, held and then closed by the client, leave no descriptor behind; the bot answers a customer', async () => {
      expect((await askOpeningHours()).join(' ')).toMatch(/\d/);
      const before = openDescriptors();

      for (const [, input] of CRASH_INPUTS) await rawRequest(input);

      const held = await Promise.all(
        Array.from(
          { length: 200 },
          () =>
            new Promise<net.Socket>((resolve, reject) => {
              const socket = net.connect(port, '127.0.0.1', () => {
                socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: foo\r\n\r\n');
                resolve(socket);
              });
              socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
            }),
        ),
      );
      const answers = await Promise.all(
        held.map(
          (socket) =>
            new Promise<string>((resolve) => {
              // Held until the server answers or closes; a server that does neither is given up on after a while.
              socket.once('data', (chunk) => resolve(chunk.toString('latin1').split('\r\n')[0]!));
              socket.once('close', () => resolve('(closed)'));
              socket.setTimeout(3000, () => resolve('(no answer)'));
            }),
        ),
      );
      for (const socket of held) socket.destroy();
      expect(new Set(answers)).toEqual(new Set(['HTTP/1.1 404 Not Found']));

      expectAlive();
      const replies = await askOpeningHours();
      expect(replies.join(' ')).toMatch(/\d/);
      expect(await descriptorsSettleTo(before)).toBeLessThanOrEqual(before);
      expectAlive();
    }, 60_000);
  });
}
