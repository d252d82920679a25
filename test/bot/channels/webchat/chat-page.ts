import nock from 'nock';
import { chatLanguage } from '../../../../bot/channels/webchat/chat-locale.js';
import { startChannelBot, type ChannelBot } from '../../../support/channel-bot.js';

/** Registers this file's tests; ../channels-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function webchatChatPage(): void {
  const configOf = (html: string) => JSON.parse(/<script id="vastaa-config" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!);

  describe('chat page (built-in Direct Line)', () => {
    let bot: ChannelBot;
    beforeAll(async () => {
      bot = await startChannelBot();
    });
    afterAll(async () => bot.stop());

    test('/ redirects to the chat page, keeping the query', async () => {
      const response = await fetch(`${bot.url}/?locale=en`, { redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/chat?locale=en');
    });

    test('serves the page in the language asked for, with Web Chat and our script from this server', async () => {
      const response = await fetch(`${bot.url}/chat?locale=en`);
      const html = await response.text();
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('<title>Customer service</title>');
      expect(html).toContain('<script src="/chat/webchat.js"></script>');
      expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
      expect(configOf(html)).toMatchObject({ locale: 'en-US', tokenUrl: '/chat/token', botName: 'Vastaa', transport: 'websocket' });
    });

    test("takes the browser's language when the page is not told one", async () => {
      const html = await (await fetch(`${bot.url}/chat`, { headers: { 'accept-language': 'sv-SE,fi;q=0.8,en;q=0.5' } })).text();
      expect(configOf(html).locale).toBe('fi-FI');
      expect(html).toContain('<title>Asiakaspalvelu</title>');
    });

    test("serves Microsoft's Web Chat bundle from node_modules, gzipped when the browser accepts it", async () => {
      const response = await fetch(`${bot.url}/chat/webchat.js`, { headers: { 'accept-encoding': 'gzip' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/javascript/);
      expect(response.headers.get('content-encoding')).toBe('gzip');
      const source = (await response.text()).slice(0, 2_000_000);
      expect(source).toContain('renderWebChat');
    });

    test('gives a token with the Direct Line domain of this server', async () => {
      const response = await fetch(`${bot.url}/chat/token`, { method: 'POST' });
      const body = (await response.json()) as { token: string; conversationId: string; domain: string; expires_in: number };
      expect(body.domain).toBe(`${bot.url}/v3/directline`);
      expect(body.expires_in).toBe(1800);
      const started = await fetch(`${body.domain}/conversations`, { method: 'POST', headers: { authorization: `Bearer ${body.token}` } });
      expect(started.status).toBe(201);
      expect(((await started.json()) as { conversationId: string }).conversationId).toBe(body.conversationId);
    });
  });

  describe('chat page pointed at Azure Direct Line', () => {
    const AZURE = 'https://europe.directline.botframework.com';
    let bot: ChannelBot;
    beforeAll(async () => {
      nock.disableNetConnect();
      nock.enableNetConnect(/127\.0\.0\.1/);
      bot = await startChannelBot({
        env: { WEBCHAT_DIRECT_LINE: 'azure', DIRECT_LINE_SECRET: 'azure-secret', DIRECT_LINE_ENDPOINT: `${AZURE}/v3/directline` },
      });
    });
    afterEach(() => nock.cleanAll());
    afterAll(async () => {
      await bot.stop();
      nock.enableNetConnect();
    });

    test('exchanges the secret for a token server-side; the browser never sees the secret', async () => {
      nock(AZURE, { reqheaders: { authorization: 'Bearer azure-secret' } })
        .post('/v3/directline/tokens/generate', (body) => typeof body.user?.id === 'string' && body.user.id.startsWith('dl_'))
        .reply(200, { conversationId: 'azure-conv', token: 'azure-token', expires_in: 3600 });
      const response = await fetch(`${bot.url}/chat/token`, { method: 'POST' });
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ token: 'azure-token', conversationId: 'azure-conv', expires_in: 3600, domain: `${AZURE}/v3/directline` });
      expect(text).not.toContain('azure-secret');
      const page = await fetch(`${bot.url}/chat`);
      expect(await page.text()).not.toContain('azure-secret');
      expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${AZURE} wss://europe.directline.botframework.com`);
    });

    test('says plainly when Azure does not give a token', async () => {
      nock(AZURE)
        .post('/v3/directline/tokens/generate')
        .reply(403, { error: { code: 'BadArgument', message: 'Unknown secret' } });
      const response = await fetch(`${bot.url}/chat/token`, { method: 'POST' });
      expect(response.status).toBe(502);
      expect(bot.logs.some((line) => line.includes('could not get a Direct Line token from Azure') && line.includes('403'))).toBe(true);
    });

    test('does not serve the built-in Direct Line', async () => {
      expect((await fetch(`${bot.url}/v3/directline/tokens/generate`, { method: 'POST' })).status).toBe(404);
    });
  });

  describe('chat language', () => {
    test.each([
      ['en', 'fi-FI', 'fi', 'en'],
      ['fi-FI', 'en', 'en', 'fi'],
      ['', 'de-DE,en;q=0.8,fi;q=0.9', 'en', 'fi'],
      [undefined, 'de-DE', 'fi', 'fi'],
      ['sv', 'en-GB', 'fi', 'en'],
    ])('?locale=%j with Accept-Language %j (default %s) is %s', (parameter, accept, fallback, expected) => {
      expect(chatLanguage(parameter, accept, fallback as 'fi' | 'en')).toBe(expected);
    });
  });
}
