import WebSocket from 'ws';
import { MAX_STREAMS_PER_CONVERSATION } from '../../bot/channels/directline/directline-stream-server.js';
import { SpentTokens } from '../../bot/channels/directline/spent-tokens.js';
import { startChannelBot, type ChannelBot } from '../support/channel-bot.js';
import { DirectLineClient } from '../support/direct-line-client.js';

/** Registers this finding's tests; ./findings-l2-to-l7.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function l4StreamTokenReuse(): void {
  // L4: a stream URL (t=<stream token>) opened a second WebSocket within its 120 s lifetime, although a
  // stream token is meant to open its conversation's stream once. Whoever saw the URL later (a proxy
  // log, a shared screen) could read the conversation as it went on.

  let bot: ChannelBot;
  beforeAll(async () => {
    bot = await startChannelBot({ env: { DIRECT_LINE_TOKEN_KEY: 'l4-direct-line-test-key-0123456789abcdef' } });
  });
  afterAll(async () => bot.stop());

  function refusal(url: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.once('open', () => {
        ws.terminate();
        reject(new Error('the stream opened'));
      });
      ws.once('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, body }));
      });
      ws.once('error', reject);
    });
  }

  describe('L4: a stream token opens its stream once', () => {
    test('a second WebSocket with the same stream URL is refused with 403 token_used, while the first is open and after it closed', async () => {
      const client = new DirectLineClient(`${bot.url}/v3/directline`);
      await client.start();
      const first = await client.openStream();

      const whileOpen = await refusal(client.streamUrl);
      expect(whileOpen.status).toBe(403);
      expect(JSON.parse(whileOpen.body).error.code).toBe('token_used');

      await first.close();
      expect((await refusal(client.streamUrl)).status).toBe(403);
    });

    test('reconnecting gives a fresh stream URL that opens, even twice within the same second', async () => {
      const client = new DirectLineClient(`${bot.url}/v3/directline`);
      await client.start();
      await (await client.openStream()).close();
      await client.reconnect('');
      const firstReconnect = client.streamUrl;
      await client.reconnect('');
      expect(client.streamUrl).not.toBe(firstReconnect);
      const streams = [await client.openStream(firstReconnect), await client.openStream(client.streamUrl)];
      await Promise.all(streams.map((stream) => stream.close()));
    });
  });

  describe('L4: fresh stream URLs cannot be used to hold many sockets', () => {
    test(`a conversation holds at most ${MAX_STREAMS_PER_CONVERSATION} streams: a newer one closes the oldest`, async () => {
      const client = new DirectLineClient(`${bot.url}/v3/directline`);
      await client.start();
      const streams = [];
      for (let i = 0; i <= MAX_STREAMS_PER_CONVERSATION; i++) {
        await client.reconnect('');
        streams.push(await client.openStream());
      }
      const oldest = streams[0]!.ws;
      if (oldest.readyState !== WebSocket.CLOSED) await new Promise((resolve) => oldest.once('close', resolve));
      expect(streams.slice(1).every((stream) => stream.ws.readyState === WebSocket.OPEN)).toBe(true);
      await Promise.all(streams.map((stream) => stream.close()));
    });
  });

  describe('L4: used stream tokens are remembered in bounded memory until they expire', () => {
    test('an id is refused the second time until it expires, and the oldest is forgotten past the bound', () => {
      let now = 1_000_000;
      const spent = new SpentTokens(3, () => now);
      expect(spent.spend('a', now + 120_000)).toBe(true);
      expect(spent.spend('a', now + 120_000)).toBe(false);
      now += 120_000;
      expect(spent.size).toBe(1);
      expect(spent.spend('b', now + 120_000)).toBe(true);
      expect(spent.size).toBe(1);
      for (const id of ['c', 'd', 'e']) spent.spend(id, now + 120_000);
      expect(spent.size).toBe(3);
      expect(spent.spend('e', now + 120_000)).toBe(false);
    });
  });
}
