import type { Activity } from 'botbuilder';
import { DirectLineTokens } from '../../../../bot/channels/directline/directline-tokens.js';
import { startChannelBot, type ChannelBot } from '../../../support/channel-bot.js';
import { DirectLineClient } from '../../../support/direct-line-client.js';

/** Registers this file's tests; ../channels-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function directlineDirectLine(): void {
  // Monday 23 November 2026, 20:30 in Helsinki: the opening-hours answer is fixed.
  const MONDAY_EVENING = new Date('2026-11-23T18:30:00Z');
  const TOKEN_KEY = 'direct-line-test-key-0123456789abcdef';

  let bot: ChannelBot;
  let domain: string;
  beforeAll(async () => {
    bot = await startChannelBot({ env: { DIRECT_LINE_TOKEN_KEY: TOKEN_KEY }, now: () => MONDAY_EVENING });
    domain = `${bot.url}/v3/directline`;
  });
  afterAll(async () => bot.stop());

  const messages = (activities: Activity[]) => activities.filter((activity) => activity.type === 'message');
  const fromBot = (activities: Activity[]) => messages(activities).filter((activity) => activity.from.role === 'bot');

  describe('built-in Direct Line: a conversation over the WebSocket stream', () => {
    test('welcomes a new conversation in the language the page asked for', async () => {
      const client = new DirectLineClient(domain);
      await client.start('en-US');
      const stream = await client.openStream();
      const [welcome] = fromBot(await stream.until((activities) => fromBot(activities).length >= 1));
      expect(welcome!.text).toMatch(/^Hi! I'm the Vastaa bot/);
      expect(welcome!.suggestedActions?.actions.map((action) => action.title)).toContain('Talk to a person');
      await stream.close();
    });

    test('echoes the customer message, shows typing, then answers in Finnish', async () => {
      const client = new DirectLineClient(domain);
      await client.start();
      const stream = await client.openStream();
      await stream.until((activities) => fromBot(activities).length >= 1);
      const posted = await client.post({ type: 'message', text: 'Mitkä ovat aukioloaikanne?', channelData: { clientActivityID: 'c-1' } });
      expect(posted.status).toBe(200);
      const activities = await stream.until((all) => fromBot(all).length >= 2);
      const echo = activities.find((activity) => activity.id === posted.body.id)!;
      expect(echo).toMatchObject({ type: 'message', text: 'Mitkä ovat aukioloaikanne?', channelData: { clientActivityID: 'c-1' }, from: { role: 'user' } });
      const after = activities.slice(activities.indexOf(echo) + 1);
      expect(after[0]!.type).toBe('typing');
      expect(fromBot(after)[0]!.text).toContain('klo 8');
      expect(activities.some((activity) => activity.type === 'trace')).toBe(false);
      await stream.close();
    });

    test('a suggested action sends its value and the bot answers that intent', async () => {
      const client = new DirectLineClient(domain);
      await client.start();
      await client.post({ type: 'message', text: 'Tilauksen tila', value: { intent: 'order_status' } });
      const { body } = await client.poll();
      expect(fromBot(body.activities).at(-1)!.text).toMatch(/tilau/i);
    });
  });

  describe('built-in Direct Line: polling and reconnecting', () => {
    test('polling with a watermark returns only what came after it', async () => {
      const client = new DirectLineClient(domain);
      await client.start();
      await client.post({ type: 'message', text: 'hei' });
      const first = await client.poll();
      expect(first.status).toBe(200);
      const seen = first.body.activities.length;
      expect(seen).toBeGreaterThanOrEqual(3);
      await client.post({ type: 'message', text: 'kiitos' });
      const second = await client.poll(first.body.watermark);
      expect(second.body.activities[0]!.text).toBe('kiitos');
      expect(second.body.activities.map((activity) => activity.id)).not.toContain(first.body.activities.at(-1)!.id);
      const nothing = await client.poll(second.body.watermark);
      expect(nothing.body).toEqual({ activities: [], watermark: second.body.watermark });
    });

    test('after a dropped stream, reconnecting from the watermark delivers what was missed exactly once', async () => {
      const client = new DirectLineClient(domain);
      await client.start();
      const stream = await client.openStream();
      await stream.until((activities) => fromBot(activities).length >= 1);
      await client.post({ type: 'message', text: 'moikka' });
      await stream.until((activities) => fromBot(activities).length >= 2);
      const before = stream.activities.map((activity) => activity.id);
      const watermark = stream.watermark;
      stream.ws.terminate();

      // An agent answers while the customer's connection is down.
      const reference = {
        channelId: 'vastaa-directline',
        conversation: { id: client.conversationId, isGroup: false, conversationType: '', name: '' },
        user: { id: 'u', name: '' },
        bot: { id: 'vastaa', name: 'Anna' },
        serviceUrl: '',
      };
      await bot.app.senders.continueConversation(reference, async (context) => {
        await context.sendActivity('Hei, olen Anna asiakaspalvelusta. Katson asiaasi nyt.');
      });

      await client.reconnect(watermark);
      const again = await client.openStream();
      const [missed, ...rest] = await again.until((activities) => activities.length >= 1);
      expect(missed).toMatchObject({ text: 'Hei, olen Anna asiakaspalvelusta. Katson asiaasi nyt.', from: { name: 'Anna' } });
      expect(rest).toEqual([]);
      expect(before).not.toContain(missed!.id);
      // Nothing else arrives: the stream delivers in order, so a repeat would come before a later message.
      await bot.app.senders.continueConversation(reference, async (context) => {
        await context.sendActivity('Onko muuta?');
      });
      await again.until((activities) => activities.length >= 2);
      expect(again.activities.map((activity) => activity.text)).toEqual(['Hei, olen Anna asiakaspalvelusta. Katson asiaasi nyt.', 'Onko muuta?']);
      await again.close();
    });
  });

  describe('built-in Direct Line: tokens keep each customer in their own conversation', () => {
    let alice: DirectLineClient;
    let mallory: DirectLineClient;
    beforeAll(async () => {
      alice = new DirectLineClient(domain);
      mallory = new DirectLineClient(domain);
      await alice.start();
      await mallory.start();
      await alice.post({ type: 'message', text: 'tilausnumeroni on 12345' });
    });

    test("a customer's token cannot read, write or stream another customer's conversation", async () => {
      const path = `/conversations/${alice.conversationId}`;
      expect((await mallory.request('GET', `${path}/activities`)).status).toBe(403);
      expect((await mallory.request('POST', `${path}/activities`, { type: 'message', text: 'hi' })).status).toBe(403);
      const reconnect = await mallory.request('GET', path);
      expect(reconnect.status).toBe(403);
      expect(JSON.stringify(reconnect.body)).not.toContain('12345');
      const aliceStream = new URL(alice.streamUrl);
      const malloryStream = new URL(mallory.streamUrl);
      aliceStream.searchParams.set('t', malloryStream.searchParams.get('t')!);
      await expect(mallory.openStream(aliceStream.toString())).rejects.toThrow(/403/);
    });

    test('a token altered to name another conversation is refused', async () => {
      const [payload, signature] = mallory.token.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      claims[1] = alice.conversationId;
      const forged = `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
      const answer = await mallory.request('GET', `/conversations/${alice.conversationId}/activities`, undefined, forged);
      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe('token_invalid');
    });

    test('an expired token is refused and cannot be refreshed', async () => {
      const anHourAgo = new DirectLineTokens(TOKEN_KEY, 1800, () => Date.now() - 3600_000);
      const expired = anHourAgo.issue('conversation', alice.conversationId, 'dl_x');
      const read = await alice.request('GET', `/conversations/${alice.conversationId}/activities`, undefined, expired);
      expect(read.status).toBe(403);
      expect(read.body.error.code).toBe('token_expired');
      expect((await alice.request('POST', '/tokens/refresh', undefined, expired)).status).toBe(403);
    });

    test('a stream token cannot be used as a conversation token', async () => {
      const streamToken = new URL(alice.streamUrl).searchParams.get('t')!;
      expect((await alice.request('GET', `/conversations/${alice.conversationId}/activities`, undefined, streamToken)).status).toBe(403);
    });

    test('no token: 401 that says how to send one', async () => {
      const answer = await alice.request('GET', `/conversations/${alice.conversationId}/activities`, undefined, '');
      expect(answer.status).toBe(401);
      expect(answer.body.error.message).toMatch(/Authorization: Bearer/);
    });

    test('the token decides who the customer is, whatever from.id the client sends', async () => {
      const posted = await mallory.post({ type: 'message', text: 'olen joku muu', from: { id: 'dl_someone-else', name: 'x' } });
      const { body } = await mallory.poll();
      const stored = body.activities.find((activity) => activity.id === posted.body.id)!;
      expect(stored.from.id).not.toBe('dl_someone-else');
      expect(stored.from.id).toMatch(/^dl_/);
    });

    test('refreshing gives a new token for the same conversation', async () => {
      const refreshed = await alice.request('POST', '/tokens/refresh');
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.conversationId).toBe(alice.conversationId);
      expect(refreshed.body.expires_in).toBe(1800);
      expect((await alice.request('GET', `/conversations/${alice.conversationId}/activities`, undefined, refreshed.body.token)).status).toBe(200);
    });

    test('an activity with a bad field gets a 400 naming it', async () => {
      const answer = await alice.post({ type: 'invoke' as 'message', text: 'x' });
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toBe('type must be message or typing');
    });
  });
}
