import nock from 'nock';
import { startChannelBot, type ChannelBot } from '../support/channel-bot.js';
import { startFakeChannel, type FakeChannel } from '../support/fake-channel.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { postSignedWebhook } from '../support/messenger-webhook.js';

/** Registers this finding's tests; ./findings-l2-to-l7.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function l3ReplayedActivityOneTurn(): void {
  describe('/api/messages: a repeated activity id gets no second turn', () => {
    let bot: TestBot;
    let channel: FakeChannel;
    beforeAll(async () => {
      bot = await startTestBot();
      channel = await startFakeChannel();
    });
    afterAll(async () => {
      await channel.close();
      await bot.stop();
    });

    async function post(fields: Record<string, unknown>) {
      const response = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', channelId: 'emulator', from: { id: 'u-replay' }, recipient: { id: 'bot' }, ...fields }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    }

    test('the same activity posted twice to a serviceUrl opens one case and sends its replies once', async () => {
      const activity = { id: 'replay-1', conversation: { id: 'l3-replay' }, serviceUrl: channel.serviceUrl, text: 'haluan puhua ihmisen kanssa' };
      expect((await post(activity)).status).toBe(200);
      const sentAfterFirst = channel.received.length;
      expect(sentAfterFirst).toBeGreaterThan(0);

      expect((await post(activity)).status).toBe(200);
      // Replies are sent during the turn, before the response: a second turn would have sent them by now.
      expect(channel.received).toHaveLength(sentAfterFirst);
      expect((await bot.app.desk.agent.queue()).filter((record) => record.conversationKey === 'emulator/l3-replay')).toHaveLength(1);
    });

    test('with expectReplies the repeat is answered 200 with no activities', async () => {
      const activity = { id: 'replay-2', conversation: { id: 'l3-expect' }, deliveryMode: 'expectReplies', text: 'hei' };
      const first = await post(activity);
      expect(first.body.activities.filter((reply: { type: string }) => reply.type === 'message')).toHaveLength(1);
      expect(await post(activity)).toEqual({ status: 200, body: { activities: [] } });
    });

    test('the same activity id in another conversation is a turn of its own', async () => {
      await post({ id: 'shared-id', conversation: { id: 'l3-a' }, deliveryMode: 'expectReplies', text: 'hei' });
      const other = await post({ id: 'shared-id', conversation: { id: 'l3-b' }, deliveryMode: 'expectReplies', text: 'hei' });
      expect(other.body.activities.filter((reply: { type: string }) => reply.type === 'message')).toHaveLength(1);
    });
  });

  describe('Messenger: the same signed event delivered twice is one turn and one Send API reply', () => {
    const GRAPH = 'https://graph.facebook.com';
    const APP_SECRET = 'messenger-app-secret';
    let bot: ChannelBot;
    let sent: Record<string, any>[];

    beforeAll(async () => {
      nock.disableNetConnect();
      nock.enableNetConnect(/127\.0\.0\.1/);
      bot = await startChannelBot({
        env: { MESSENGER_APP_SECRET: APP_SECRET, MESSENGER_PAGE_ACCESS_TOKEN: 'page-token', MESSENGER_VERIFY_TOKEN: 'verify-me' },
      });
    });
    beforeEach(() => {
      sent = [];
      nock('https://graph.facebook.com')
        .post('/v21.0/me/messages', (body) => (sent.push(body), true))
        .reply(200, () => ({ recipient_id: 'x', message_id: `m_${sent.length}` }))
        .persist();
    });
    afterEach(() => nock.cleanAll());
    afterAll(async () => {
      await bot.stop();
      nock.enableNetConnect();
    });

    /** Posts the exact same raw body, correctly signed, and waits for every turn it started. */
    async function deliver(raw: string) {
      const response = await postSignedWebhook(bot.url, APP_SECRET, raw);
      await bot.channels.messenger!.settled();
      return response.status;
    }

    const body = (messaging: Record<string, unknown>) => {
      const timestamp = Date.now();
      return JSON.stringify({
        object: 'page',
        entry: [{ id: 'page-1', time: timestamp, messaging: [{ sender: { id: 'psid-replay' }, recipient: { id: 'page-1' }, timestamp, ...messaging }] }],
      });
    };
    const replies = () => sent.filter((call) => call.message);

    test('a message (same mid) replayed', async () => {
      const raw = body({ message: { mid: 'mid.replay1', text: 'Mitkä ovat aukioloaikanne?' } });
      expect(await deliver(raw)).toBe(200);
      expect(replies()).toHaveLength(1);
      expect(await deliver(raw)).toBe(200);
      expect(replies()).toHaveLength(1);
    });

    test('a postback replayed', async () => {
      const raw = body({ postback: { title: 'Aloita', payload: 'GET_STARTED', mid: 'mid.postback1' } });
      await deliver(raw);
      const afterFirst = replies().length;
      expect(afterFirst).toBeGreaterThan(0);
      await deliver(raw);
      expect(replies()).toHaveLength(afterFirst);
    });

    test('a postback without a mid replayed (same sender and timestamp)', async () => {
      const raw = body({ postback: { title: 'Aloita', payload: 'GET_STARTED' } });
      await deliver(raw);
      const afterFirst = replies().length;
      expect(afterFirst).toBeGreaterThan(0);
      await deliver(raw);
      expect(replies()).toHaveLength(afterFirst);
    });

    test('a new message from the same customer is still answered', async () => {
      await deliver(body({ message: { mid: 'mid.fresh1', text: 'hei' } }));
      await deliver(body({ message: { mid: 'mid.fresh2', text: 'kiitos' } }));
      expect(replies().length).toBeGreaterThanOrEqual(2);
    });
  });
}
