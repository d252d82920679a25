import WebSocket from 'ws';
import { startChannelBot, type ChannelBot } from '../support/channel-bot.js';

/** Registers this finding's tests; ./findings-c1-to-h5.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function h5DirectLineFilledByStrangers(): void {
  // H5: the built-in Direct Line's conversation cap could be filled by anyone with ~20,000 unauthenticated
  // requests, and every new visitor then got 503 (or restify's 500) for an hour. Strangers come from many
  // addresses here through a trusted proxy's X-Forwarded-For; the Direct Line's clock is moved, never slept on.

  const CAP = 3;
  const STARTS_PER_MINUTE = 5;
  let bot: ChannelBot;
  let clock: number;
  let addresses = 0;
  const newAddress = () => `198.51.100.${++addresses}`;

  beforeEach(async () => {
    clock = Date.now();
    bot = await startChannelBot({
      env: {
        DIRECT_LINE_TOKEN_KEY: 'h5-direct-line-test-key-0123456789abcdef',
        DIRECT_LINE_MAX_CONVERSATIONS: String(CAP),
        DIRECT_LINE_STARTS_PER_MINUTE: String(STARTS_PER_MINUTE),
        DIRECT_LINE_EMPTY_CONVERSATION_MINUTES: '5',
        TRUSTED_PROXIES: 'loopback',
      },
      directLineClock: () => clock,
    });
  });
  afterEach(async () => bot.stop());

  interface Answer {
    status: number;
    retryAfter: string | null;
    body: any;
  }

  async function call(method: string, path: string, options: { from: string; token?: string; body?: unknown }): Promise<Answer> {
    const response = await fetch(`${bot.url}${path}`, {
      method,
      headers: {
        'x-forwarded-for': options.from,
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: text ? JSON.parse(text) : undefined };
  }

  /** A visitor as Web Chat behaves: a token, then the conversation starts. */
  async function startChat(from: string): Promise<{ token: string; conversationId: string; streamUrl: string; status: number }> {
    const generated = await call('POST', '/v3/directline/tokens/generate', { from });
    if (generated.status !== 200) throw new Error(`tokens/generate answered ${generated.status}`);
    const started = await call('POST', '/v3/directline/conversations', { from, token: generated.body.token, body: { locale: 'en-US' } });
    return { ...started.body, status: started.status };
  }

  function say(chat: { token: string; conversationId: string }, from: string, text: string): Promise<Answer> {
    return call('POST', `/v3/directline/conversations/${chat.conversationId}/activities`, { from, token: chat.token, body: { type: 'message', text } });
  }

  const held = () => bot.channels.directLine!.conversations!.held();

  function expectBusy(answer: Answer): void {
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({ error: { code: 'busy', message: expect.stringMatching(/too many open conversations/) } });
    expect(Number(answer.retryAfter)).toBeGreaterThan(0);
  }

  /** Opens a stream and resolves with the HTTP status of a refusal, or 101 once open. */
  function openStream(url: string): Promise<{ status: number; ws?: WebSocket }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.once('open', () => resolve({ status: 101, ws }));
      ws.once('unexpected-response', (_request, response) => {
        resolve({ status: response.statusCode! });
        ws.terminate();
      });
      ws.once('error', reject);
    });
  }

  describe('H5: empty conversations cannot fill the Direct Line', () => {
    test('strangers who start four times the cap of chats and never write do not count against it; a new visitor still chats', async () => {
      for (let i = 0; i < CAP * 4; i++) expect((await startChat(newAddress())).status).toBe(201);
      expect(held()).toMatchObject({ engaged: 0, empty: CAP });

      const from = newAddress();
      const visitor = await startChat(from);
      expect(visitor.status).toBe(201);
      expect((await say(visitor, from, 'what are your opening hours')).status).toBe(200);
      expect(held()).toMatchObject({ engaged: 1 });
    });

    test('a conversation nobody wrote in is dropped five minutes after it started, and its stream is closed', async () => {
      const stranger = await startChat(newAddress());
      const { ws } = await openStream(stranger.streamUrl);
      const closed = new Promise<number>((resolve) => ws!.once('close', (code) => resolve(code)));

      clock += 5 * 60_000 + 1000;
      expect((await startChat(newAddress())).status).toBe(201);

      expect(await closed).toBe(1001);
      expect(held()).toMatchObject({ engaged: 0, empty: 1 });
    });

    test('empty conversations are also limited in number: the oldest makes room, and the count never passes the cap', async () => {
      const chats = [];
      for (let i = 0; i < CAP * 3; i++) chats.push(await startChat(newAddress()));
      expect(bot.channels.directLine!.conversations!.size).toBeLessThanOrEqual(CAP);
      expect(bot.channels.directLine!.conversations!.has(chats.at(-1)!.conversationId)).toBe(true);
      expect(bot.channels.directLine!.conversations!.has(chats[0]!.conversationId)).toBe(false);
    });
  });

  describe('H5: tokens and conversation starts are limited per client address', () => {
    test('one address gets 429 with Retry-After after its allowance of tokens, on both token routes; other addresses are unaffected; the allowance refills', async () => {
      const from = newAddress();
      for (let i = 0; i < STARTS_PER_MINUTE; i++) expect((await call('POST', '/v3/directline/tokens/generate', { from })).status).toBe(200);

      const refused = await call('POST', '/v3/directline/tokens/generate', { from });
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('rate_limited');
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
      expect((await call('POST', '/chat/token', { from })).status).toBe(429);

      expect((await call('POST', '/chat/token', { from: newAddress() })).status).toBe(200);
      clock += 60_000;
      expect((await call('POST', '/chat/token', { from })).status).toBe(200);
    });

    test('tokens gathered from many addresses cannot start more conversations from one address than its allowance', async () => {
      const tokens = [];
      for (let i = 0; i <= STARTS_PER_MINUTE; i++)
        tokens.push((await call('POST', '/v3/directline/tokens/generate', { from: newAddress() })).body.token as string);
      const from = newAddress();
      const starts = [];
      for (const token of tokens) starts.push(await call('POST', '/v3/directline/conversations', { from, token, body: {} }));
      expect(starts.map((start) => start.status)).toEqual([...Array<number>(STARTS_PER_MINUTE).fill(201), 429]);
    });

    test('an IPv6 client cannot get a fresh allowance by changing the low 64 bits of its address', async () => {
      for (let i = 0; i < STARTS_PER_MINUTE; i++) expect((await call('POST', '/chat/token', { from: `2001:db8:1:2::${i + 1}` })).status).toBe(200);
      expect((await call('POST', '/chat/token', { from: '2001:db8:1:2:ffff::9' })).status).toBe(429);
      expect((await call('POST', '/chat/token', { from: '2001:db8:1:3::1' })).status).toBe(200);
    });
  });

  describe('H5: at the cap every path answers 503 busy with Retry-After, never a 500', () => {
    test('start, reconnect, post, stream and new tokens are refused alike; conversations already held go on; an idle one makes room', async () => {
      const waiting = await startChat(newAddress());
      const customers = [];
      for (let i = 0; i < CAP; i++) {
        const from = newAddress();
        const chat = await startChat(from);
        expect((await say(chat, from, 'hello')).status).toBe(200);
        customers.push({ ...chat, from });
      }
      const tokens = bot.channels.directLine!.tokens;
      const unheld = 'not-held-by-this-process';
      const unheldToken = tokens.issue('conversation', unheld, 'dl_someone');
      const from = newAddress();

      expectBusy(await call('POST', '/chat/token', { from }));
      expectBusy(await call('POST', '/v3/directline/tokens/generate', { from }));
      expectBusy(await call('POST', '/v3/directline/conversations', { from, token: tokens.issue('conversation', 'brand-new', 'dl_new'), body: {} }));
      expectBusy(await call('GET', `/v3/directline/conversations/${unheld}`, { from, token: unheldToken }));
      expectBusy(await call('POST', `/v3/directline/conversations/${unheld}/activities`, { from, token: unheldToken, body: { type: 'message', text: 'hi' } }));
      expectBusy(await say(waiting, from, 'my first message, too late'));
      const stream = await openStream(
        `${bot.url.replace('http', 'ws')}/v3/directline/conversations/${unheld}/stream?t=${encodeURIComponent(tokens.issue('stream', unheld, 'dl_someone', 120))}`,
      );
      expect(stream.status).toBe(503);

      expect((await say(customers[0]!, customers[0]!.from, 'still here')).status).toBe(200);

      clock += 2 * bot.config.DIRECT_LINE_TOKEN_TTL * 1000 + 1000;
      const later = newAddress();
      const newcomer = await startChat(later);
      expect(newcomer.status).toBe(201);
      expect((await say(newcomer, later, 'hello')).status).toBe(200);
    });
  });
}
