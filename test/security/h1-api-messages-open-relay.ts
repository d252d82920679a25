import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { transcriptLinesOf } from '../../bot/agent-console/case-view.js';
import { startChannelBot } from '../support/channel-bot.js';
import { startFakeChannel, type FakeChannel } from '../support/fake-channel.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';

/** Registers this finding's tests; ./findings-c1-to-h5.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function h1ApiMessagesOpenRelay(): void {
  /** A listener that records every request it gets: the "internal admin" service of the review's SSRF. */
  async function startRecorder(): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
    const requests: string[] = [];
    const server = http.createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      req.resume();
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      requests,
      close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
    };
  }

  async function post(bot: TestBot, activity: Record<string, unknown>, headers: Record<string, string> = {}) {
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  const activity = (fields: Record<string, unknown>) => ({
    type: 'message',
    conversation: { id: `h1-${Math.random().toString(36).slice(2)}` },
    from: { id: 'u' },
    recipient: { id: 'bot' },
    text: 'what are your opening hours',
    ...fields,
  });

  beforeAll(() => {
    // The SDK's retries to an unreachable serviceUrl would otherwise hold a test for seconds.
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1/);
  });
  afterAll(() => nock.enableNetConnect());

  describe('/api/messages without MicrosoftAppId (default API_MESSAGES=emulator)', () => {
    let bot: TestBot;
    let recorder: Awaited<ReturnType<typeof startRecorder>>;
    let channel: FakeChannel;
    beforeAll(async () => {
      bot = await startTestBot();
      recorder = await startRecorder();
      channel = await startFakeChannel();
    });
    afterAll(async () => {
      await recorder.close();
      await channel.close();
      await bot.stop();
    });

    test("the review's SSRF (webchat activity, serviceUrl on an internal service) is refused with 403 and nothing is sent there", async () => {
      const response = await post(bot, activity({ channelId: 'webchat', serviceUrl: `${recorder.url}/internal-admin`, id: 'act1' }));
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('channel_not_allowed');
      expect(response.body.error.message).toMatch(/channelId "webchat" is refused.*MicrosoftAppId.*API_MESSAGES=open/);
      expect(recorder.requests).toEqual([]);
    });

    test('an Emulator activity whose serviceUrl is not on this machine is refused, naming serviceUrl and the settings', async () => {
      for (const serviceUrl of [
        'http://192.0.2.10:9000',
        'https://evil.example',
        'http://127.0.0.1@evil.example/',
        'http://localhost.evil.example/',
        'file:///etc/passwd',
      ]) {
        const response = await post(bot, activity({ channelId: 'emulator', serviceUrl }));
        expect({ serviceUrl, status: response.status, code: response.body.error.code }).toEqual({ serviceUrl, status: 403, code: 'service_url_not_allowed' });
        expect(response.body.error.message).toMatch(/^serviceUrl must be on this machine.*expectReplies.*MicrosoftAppId.*API_MESSAGES=open/);
      }
    });

    test('an Emulator activity with expectReplies and an outside serviceUrl is refused too (agent replies would go there later)', async () => {
      const response = await post(bot, activity({ channelId: 'emulator', deliveryMode: 'expectReplies', serviceUrl: `http://192.0.2.10:9000` }));
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('service_url_not_allowed');
    });

    test('the Emulator on this machine is answered at its loopback serviceUrl', async () => {
      const response = await post(bot, activity({ channelId: 'emulator', serviceUrl: channel.serviceUrl, conversation: { id: 'h1-emulator' } }));
      expect(response.status).toBe(200);
      expect((await channel.waitFor((sent) => sent.type === 'message')).conversation.id).toBe('h1-emulator');
    });

    test('the Emulator with deliveryMode expectReplies gets its replies in the response', async () => {
      expect(await bot.say('hei', { conversationId: 'h1-expect-replies' })).toHaveLength(1);
    });

    test('an Emulator activity that came through a proxy (X-Forwarded-For) is refused: the Emulator talks to the bot directly', async () => {
      const response = await post(bot, activity({ channelId: 'emulator', deliveryMode: 'expectReplies' }), { 'x-forwarded-for': '203.0.113.7' });
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('client_not_allowed');
      expect(response.body.error.message).toMatch(/API_MESSAGES=open/);
    });

    test.each(['facebook', 'vastaa-directline', 'msteams', 'directline'])('an activity claiming channel %s is refused with 403', async (channelId) => {
      const response = await post(bot, activity({ channelId, deliveryMode: 'expectReplies' }));
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('channel_not_allowed');
      expect(response.body.error.message).toContain(`channelId "${channelId}"`);
    });

    test('a message claiming from.role "bot" is still the customer\'s: it opens their case and shows as the customer\'s line', async () => {
      const replies = await bot.send('haluan puhua ihmisen kanssa', { conversationId: 'h1-role-bot', from: { id: 'spoof-u', role: 'bot' } });
      expect(replies.some((reply) => reply.name === 'handoff.initiate')).toBe(true);
      const stored = await bot.app.transcripts.allActivities('emulator', 'h1-role-bot');
      const incoming = stored.find((entry) => entry.text === 'haluan puhua ihmisen kanssa');
      expect(incoming?.from.role).toBe('user');
      expect(transcriptLinesOf(stored).find((line) => line.text === 'haluan puhua ihmisen kanssa')?.from).toBe('customer');
    });
  });

  describe('API_MESSAGES=off', () => {
    let bot: TestBot;
    beforeAll(async () => {
      bot = await startTestBot({ env: { API_MESSAGES: 'off' } });
    });
    afterAll(async () => bot.stop());

    test('refuses even the Emulator with 403 naming the setting', async () => {
      const response = await post(bot, activity({ channelId: 'emulator', deliveryMode: 'expectReplies' }));
      expect(response.status).toBe(403);
      expect(response.body.error).toEqual({ code: 'api_messages_off', message: expect.stringContaining('API_MESSAGES=off') });
    });
  });

  describe('API_MESSAGES=open without MicrosoftAppId (the old behaviour, opted into)', () => {
    let bot: TestBot;
    let channel: FakeChannel;
    beforeAll(async () => {
      bot = await startTestBot({ env: { API_MESSAGES: 'open' } });
      channel = await startFakeChannel();
    });
    afterAll(async () => {
      await channel.close();
      await bot.stop();
    });

    test('warns loudly at start-up', () => {
      expect(bot.logs.some((line) => line.includes(' WARN ') && line.includes('API_MESSAGES=open without MicrosoftAppId'))).toBe(true);
    });

    test('accepts other channels without a token', async () => {
      const response = await post(bot, activity({ channelId: 'webchat', serviceUrl: channel.serviceUrl, conversation: { id: 'h1-open' } }));
      expect(response.status).toBe(200);
      await channel.waitFor((sent) => sent.conversation.id === 'h1-open');
    });

    test.each(['facebook', 'vastaa-directline'])('still refuses %s: a customer can post only as themself', async (channelId) => {
      const response = await post(bot, activity({ channelId, deliveryMode: 'expectReplies' }));
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('channel_not_allowed');
    });
  });

  describe('with MicrosoftAppId and self-hosted Messenger', () => {
    test('a facebook activity on /api/messages is refused before any token check: self-hosted Messenger owns that channel id', async () => {
      const bot = await startChannelBot({
        env: {
          MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
          MicrosoftAppPassword: 'not-a-real-secret',
          MESSENGER_APP_SECRET: 's',
          MESSENGER_PAGE_ACCESS_TOKEN: 't',
          MESSENGER_VERIFY_TOKEN: 'v',
        },
      });
      try {
        const response = await fetch(`${bot.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer whatever' },
          body: JSON.stringify(activity({ channelId: 'facebook', serviceUrl: 'https://facebook.botframework.com/' })),
        });
        expect(response.status).toBe(403);
        expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
          /channelId "facebook" belongs to a channel this server hosts itself.*\/api\/messenger/,
        );
      } finally {
        await bot.stop();
      }
    });
  });
}
