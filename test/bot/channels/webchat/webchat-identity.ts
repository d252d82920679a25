import { IDENTITY_COOKIE, WebChatIdentity } from '../../../../bot/channels/webchat/webchat-identity.js';
import { conversationKey } from '../../../../handoff/index.js';
import { startChannelBot, type ChannelBot } from '../../../support/channel-bot.js';

/** Registers this file's tests; ../channels-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function webchatWebchatIdentity(): void {
  const KEY = 'a-test-key-for-the-web-chat-identity-cookie';
  const CHANNEL = 'vastaa-directline';
  const DAY_MS = 86_400_000;

  interface ChatStart {
    token: string;
    conversationId: string;
    domain: string;
    resumed: boolean;
    /** The Set-Cookie header of the answer. */
    setCookie: string;
    /** The cookie as the browser sends it back (`vastaa_chat=…`). */
    cookie: string;
  }

  let bot: ChannelBot;
  /** The built-in Direct Line's clock; tests move it to let conversations go idle. */
  let clockOffset = 0;

  beforeAll(async () => {
    bot = await startChannelBot({ env: { WEB_CHAT_IDENTITY_KEY: KEY, TRUSTED_PROXIES: 'loopback' }, directLineClock: () => Date.now() + clockOffset });
  });
  afterAll(async () => bot.stop());

  async function chatToken(cookie?: string, headers: Record<string, string> = {}): Promise<ChatStart> {
    const response = await fetch(`${bot.url}/chat/token`, { method: 'POST', headers: { ...(cookie ? { cookie } : {}), ...headers } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Omit<ChatStart, 'setCookie' | 'cookie'>;
    const setCookie = response.headers.get('set-cookie') ?? '';
    return { ...body, setCookie, cookie: setCookie.split(';')[0]! };
  }

  /** Starts the Direct Line conversation as Web Chat does (the welcome is its first activity). */
  async function startConversation(chat: ChatStart): Promise<void> {
    const started = await fetch(`${chat.domain}/conversations`, { method: 'POST', headers: { authorization: `Bearer ${chat.token}` } });
    expect(started.status).toBe(201);
  }

  async function say(chat: ChatStart, text: string): Promise<void> {
    const response = await fetch(`${chat.domain}/conversations/${chat.conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${chat.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text, locale: 'fi-FI' }),
    });
    expect(response.status).toBe(200);
  }

  async function texts(chat: ChatStart): Promise<string[]> {
    const response = await fetch(`${chat.domain}/conversations/${chat.conversationId}/activities`, { headers: { authorization: `Bearer ${chat.token}` } });
    return ((await response.json()) as { activities: { text?: string }[] }).activities.map((activity) => activity.text ?? '');
  }

  function userIdOf(chat: ChatStart): string {
    const check = bot.channels.directLine!.tokens.verify(chat.token);
    if (!check.ok) throw new Error(`token not valid: ${check.reason}`);
    return check.claims.userId;
  }

  /** The cookie's signed fields, decoded. */
  function fieldsOf(cookie: string): unknown[] {
    const value = cookie.slice(`${IDENTITY_COOKIE}=`.length);
    return JSON.parse(Buffer.from(value.split('.')[0]!, 'base64url').toString('utf8')) as unknown[];
  }

  async function post(path: string, cookie: string | undefined, body: unknown = {}, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${bot.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: bot.url, ...(cookie ? { cookie } : {}), ...headers },
      body: JSON.stringify(body),
    });
  }

  async function waitingCaseOf(chat: ChatStart) {
    return (await bot.app.desk.agent.queue()).find((record) => record.reference.conversation?.id === chat.conversationId);
  }

  describe('the web chat identity cookie', () => {
    test('a first visit gets an HttpOnly cookie for /chat that holds only random ids and its expiry', async () => {
      const chat = await chatToken();
      expect(chat.resumed).toBe(false);
      expect(chat.setCookie).toMatch(/^vastaa_chat=[\w-]+\.[\w-]+; /);
      expect(chat.setCookie).toContain('HttpOnly');
      expect(chat.setCookie).toContain('Path=/chat');
      expect(chat.setCookie).toContain(`Max-Age=${90 * 86_400}`);
      // Plain http (development): Lax, which browsers accept without Secure.
      expect(chat.setCookie).toContain('SameSite=Lax');
      expect(chat.setCookie).not.toContain('Secure');

      // After the customer has written personal data, the cookie is still only the two random ids.
      await startConversation(chat);
      await say(chat, 'sähköpostini on maija.meikalainen@example.fi ja hetu 131052-308T');
      const again = await chatToken(chat.cookie);
      const fields = fieldsOf(again.cookie);
      expect(fields).toHaveLength(4);
      expect(fields[0]).toBe(1);
      expect(fields[1]).toMatch(/^[\w-]{22}$/);
      expect(fields[2]).toBe(chat.conversationId);
      expect(Number(fields[3]) * 1000).toBeGreaterThan(Date.now() + 89 * DAY_MS);
      expect(decodeURIComponent(again.setCookie)).not.toMatch(/maija|example\.fi|131052/i);
    });

    test('over https (behind a trusted proxy) the cookie is Secure, SameSite=None and Partitioned, so the embedded chat keeps it', async () => {
      const chat = await chatToken(undefined, { 'x-forwarded-proto': 'https' });
      expect(chat.setCookie).toMatch(/; Secure; SameSite=None; Partitioned$/);
    });

    test('the same cookie resumes the same conversation as the same customer, in any tab and on any later visit', async () => {
      const first = await chatToken();
      await startConversation(first);
      const secondTab = await chatToken(first.cookie);
      expect(secondTab.resumed).toBe(true);
      expect(secondTab.conversationId).toBe(first.conversationId);
      expect(userIdOf(secondTab)).toBe(userIdOf(first));
      // The resumed tab's token works for the conversation and shows its history (the welcome).
      await expect(texts(secondTab)).resolves.toEqual([expect.stringContaining('Hei! Olen Vastaa-botti')]);
    });

    test('a conversation this process had dropped comes back whole from its transcript, with the agent reply sent after it was dropped', async () => {
      const chat = await chatToken();
      await startConversation(chat);
      await say(chat, 'haluan puhua ihmiselle');
      const waiting = await waitingCaseOf(chat);
      // The visitor is away for longer than the idle time: the conversation is dropped from memory.
      clockOffset += 3 * 3600_000;
      bot.channels.directLine!.conversations!.sweep();
      expect(bot.channels.directLine!.conversations!.has(chat.conversationId)).toBe(false);
      // The agent's reply the next morning holds the conversation again, with that reply alone.
      await bot.app.desk.agent.claim(waiting!.id, 'vili');
      await bot.app.agents.reply(waiting!.id, { login: 'vili', name: 'Vili' }, 'Hei, katson asiaasi nyt.');
      expect(bot.channels.directLine!.conversations!.held(chat.conversationId).historyCount).toBe(1);

      const back = await chatToken(chat.cookie);
      expect(back).toMatchObject({ resumed: true, conversationId: chat.conversationId });
      const history = await texts(back);
      expect(history[0]).toContain('Hei! Olen Vastaa-botti');
      expect(history[1]).toBe('haluan puhua ihmiselle');
      expect(history.at(-1)).toContain('katson asiaasi nyt');
      expect(history.filter((text) => text.includes('katson asiaasi nyt'))).toHaveLength(1);
      // Held whole now: the next visit reads it from memory as it is.
      await expect(texts(await chatToken(chat.cookie))).resolves.toEqual(history);
    });

    test('a tampered cookie gets a new identity, never the conversation it names', async () => {
      const victim = await chatToken();
      await startConversation(victim);
      const attacker = await chatToken();
      // The attacker keeps their own valid signature but puts the victim's conversation in the signed part.
      const [payload, signature] = attacker.cookie.slice(`${IDENTITY_COOKIE}=`.length).split('.');
      const fields = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as unknown[];
      const forged = Buffer.from(JSON.stringify([1, fields[1], victim.conversationId, fields[3]])).toString('base64url');
      for (const cookie of [`${IDENTITY_COOKIE}=${forged}.${signature}`, `${IDENTITY_COOKIE}=${victim.cookie.split('=')[1]}x`, `${IDENTITY_COOKIE}=garbage`]) {
        const answer = await chatToken(cookie);
        expect(answer.resumed).toBe(false);
        expect(answer.conversationId).not.toBe(victim.conversationId);
        expect(userIdOf(answer)).not.toBe(userIdOf(victim));
        expect(userIdOf(answer)).not.toBe(userIdOf(attacker));
      }
    });

    test('a cookie signed with another key, or expired, gets a new identity', async () => {
      const visitor = await chatToken();
      await startConversation(visitor);
      const [, customerId, conversationId] = fieldsOf(visitor.cookie) as [number, string, string];
      const otherKey = new WebChatIdentity('another-key-of-at-least-thirty-two-chars', 90);
      const expired = new WebChatIdentity(KEY, 1, () => Date.now() - 2 * DAY_MS);
      for (const identity of [otherKey, expired]) {
        const answer = await chatToken(`${IDENTITY_COOKIE}=${identity.seal({ customerId, conversationId })}`);
        expect(answer.resumed).toBe(false);
        expect(answer.conversationId).not.toBe(conversationId);
        expect(userIdOf(answer)).not.toBe(userIdOf(visitor));
      }
      // The same fields sealed with the right key and a fresh expiry are accepted: the refusals above were the key and the time.
      const fresh = new WebChatIdentity(KEY, 1);
      await expect(chatToken(`${IDENTITY_COOKIE}=${fresh.seal({ customerId, conversationId })}`)).resolves.toMatchObject({ resumed: true, conversationId });
    });
  });

  describe('ending the conversation and commenting on the rating (POST /chat/end, /chat/rating)', () => {
    test('refuses a request without the identity cookie (401) and one from another origin (403)', async () => {
      const chat = await chatToken();
      expect((await post('/chat/end', undefined)).status).toBe(401);
      const crossSite = await post('/chat/end', chat.cookie, {}, { origin: 'http://evil.example' });
      expect(crossSite.status).toBe(403);
      expect((await post('/chat/rating', undefined, { comment: 'hyvä' })).status).toBe(401);
    });

    test('ends a conversation without a case, or with one an agent holds, with a goodbye, and one never started without a word', async () => {
      const chat = await chatToken();
      await startConversation(chat);
      await say(chat, 'Mitkä ovat aukioloaikanne?');
      const ended = await post('/chat/end', chat.cookie);
      await expect(ended.json()).resolves.toEqual({ ended: true });
      expect((await texts(chat)).at(-1)).toBe('Keskustelu on päättynyt. Kiitos yhteydenotosta! Voit aloittaa uuden keskustelun milloin tahansa.');

      // A case an agent holds stays with the agent, who sees the goodbye in the transcript.
      const held = await chatToken();
      await startConversation(held);
      await say(held, 'haluan puhua ihmiselle');
      const waiting = await waitingCaseOf(held);
      await bot.app.desk.agent.claim(waiting!.id, 'vili');
      await expect((await post('/chat/end', held.cookie)).json()).resolves.toEqual({ ended: true });
      await expect(bot.app.desk.agent.getCase(waiting!.id)).resolves.toMatchObject({ status: 'assigned', agent: 'vili' });
      await bot.app.transcripts.flush();
      const transcript = await bot.app.transcripts.allActivities(CHANNEL, held.conversationId);
      expect(transcript.at(-1)?.text).toBe('Keskustelu on päättynyt. Kiitos yhteydenotosta! Voit aloittaa uuden keskustelun milloin tahansa.');

      const unused = await chatToken();
      await expect((await post('/chat/end', unused.cookie)).json()).resolves.toEqual({ ended: true });
      expect(bot.channels.directLine!.conversations!.has(unused.conversationId)).toBe(false);
    });

    test('ends a waiting case politely, and the next page starts a new conversation of the same customer whose summary lists the earlier case', async () => {
      const chat = await chatToken();
      await startConversation(chat);
      await say(chat, 'haluan puhua ihmiselle');
      const waiting = await waitingCaseOf(chat);
      expect(waiting?.status).toBe('waiting');

      const ended = await post('/chat/end', chat.cookie);
      expect(ended.status).toBe(200);
      await expect(ended.json()).resolves.toEqual({ ended: true, abandonedCase: waiting!.id });
      await expect(bot.app.desk.agent.getCase(waiting!.id)).resolves.toMatchObject({ status: 'abandoned' });
      const history = await texts(chat);
      expect(history.at(-1)).toBe(
        'Peruin pyyntösi asiakaspalvelijalle, ja keskustelu on päättynyt. Kiitos yhteydenotosta! Voit aloittaa uuden keskustelun milloin tahansa.',
      );

      const next = await chatToken(ended.headers.get('set-cookie')!.split(';')[0]);
      expect(next.resumed).toBe(false);
      expect(next.conversationId).not.toBe(chat.conversationId);
      expect(userIdOf(next)).toBe(userIdOf(chat));
      await startConversation(next);
      await say(next, 'haluan puhua ihmiselle');
      const second = await waitingCaseOf(next);
      expect(second?.summary.earlierCases).toEqual([expect.objectContaining({ id: waiting!.id, status: 'abandoned' })]);
    });

    test('stores a comment on the rating, personal data masked; without a rating 409, an empty comment 400 naming the field', async () => {
      const chat = await chatToken();
      await startConversation(chat);
      expect((await post('/chat/rating', chat.cookie, { comment: 'hyvää palvelua' })).status).toBe(409);

      await say(chat, 'haluan puhua ihmiselle');
      const waiting = await waitingCaseOf(chat);
      await bot.app.desk.agent.claim(waiting!.id, 'vili');
      await bot.app.agents.close(waiting!.id, { login: 'vili', name: 'Vili' }, 'Neuvottu');
      await say(chat, '4');

      const empty = await post('/chat/rating', chat.cookie, { comment: '   ' });
      expect(empty.status).toBe(400);
      await expect(empty.json()).resolves.toMatchObject({ error: { message: expect.stringContaining('comment') } });

      const stored = await post('/chat/rating', chat.cookie, { comment: 'Nopea apu, kiitos! Hetuni on 131052-308T.' });
      expect(stored.status).toBe(200);
      const record = await bot.app.desk.customer.conversation(conversationKey(CHANNEL, chat.conversationId));
      expect(record?.rating).toMatchObject({ score: 4, caseId: waiting!.id, comment: 'Nopea apu, kiitos! Hetuni on [HETU].' });
    });
  });
}
