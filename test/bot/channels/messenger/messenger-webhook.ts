import nock from 'nock';
import type { SendFailure } from '../../../../bot/channels/messenger/messenger-adapter.js';
import { AGENT_REPLY_MARK } from '../../../../handoff/index.js';
import { startChannelBot, type ChannelBot } from '../../../support/channel-bot.js';
import { messengerSignature } from '../../../support/messenger-webhook.js';

/** Registers this file's tests; ../channels-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function messengerMessengerWebhook(): void {
  const GRAPH = 'https://graph.facebook.com';
  const APP_SECRET = 'messenger-app-secret';
  const PAGE = 'page-1';
  const MONDAY_EVENING = new Date('2026-11-23T18:30:00Z');
  const HOUR = 3600_000;

  let bot: ChannelBot;
  let sent: Record<string, any>[];
  let failures: SendFailure[];

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1/);
    bot = await startChannelBot({
      env: { MESSENGER_APP_SECRET: APP_SECRET, MESSENGER_PAGE_ACCESS_TOKEN: 'page-token', MESSENGER_VERIFY_TOKEN: 'verify-me' },
      now: () => MONDAY_EVENING,
    });
    bot.channels.messenger!.onSendFailure((failure) => failures.push(failure));
  });
  beforeEach(() => {
    sent = [];
    failures = [];
  });
  afterEach(() => nock.cleanAll());
  afterAll(async () => {
    await bot.stop();
    nock.enableNetConnect();
  });

  /** Graph answers every send with 200 and remembers what it was sent. */
  function graphAccepts() {
    return nock(GRAPH)
      .post('/v21.0/me/messages', (body) => {
        sent.push(body);
        return true;
      })
      .reply(200, () => ({ recipient_id: 'x', message_id: `m_${sent.length}` }))
      .persist();
  }

  function event(customer: string, fields: Record<string, unknown>, timestamp = Date.now()) {
    return { object: 'page', entry: [{ id: PAGE, time: timestamp, messaging: [{ sender: { id: customer }, recipient: { id: PAGE }, timestamp, ...fields }] }] };
  }

  async function webhook(body: unknown, signature: string | null = 'valid') {
    const raw = JSON.stringify(body);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signature === 'valid') headers['x-hub-signature-256'] = messengerSignature(APP_SECRET, raw);
    else if (signature !== null) headers['x-hub-signature-256'] = signature;
    const response = await fetch(`${bot.url}/api/messenger`, { method: 'POST', headers, body: raw });
    await bot.channels.messenger!.settled();
    return response.status;
  }

  const texts = () => sent.filter((body) => body.message).map((body) => body.message.text as string);

  describe('Messenger webhook verification', () => {
    test('answers the subscription handshake with the challenge when the verify token matches', async () => {
      const response = await fetch(`${bot.url}/api/messenger?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('1158201444');
    });

    test('refuses the handshake with a wrong verify token', async () => {
      const response = await fetch(`${bot.url}/api/messenger?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1`);
      expect(response.status).toBe(403);
    });
  });

  describe('Messenger webhook signature', () => {
    test.each([
      ['missing', null],
      ['wrong', `sha256=${'0'.repeat(64)}`],
      ['signed with another secret', messengerSignature('other', 'x')],
      ['malformed', 'sha1=abc'],
    ])('a %s signature gets 403 and nothing is processed', async (_case, signature) => {
      const graph = graphAccepts();
      expect(await webhook(event('psid-sig', { message: { mid: 'm', text: 'hei' } }), signature)).toBe(403);
      expect(sent).toEqual([]);
      graph.persist(false);
    });

    test('a signature over a different body is refused (the body was changed on the way)', async () => {
      graphAccepts();
      const original = JSON.stringify(event('psid-sig', { message: { mid: 'm', text: 'hei' } }));
      const signature = messengerSignature(APP_SECRET, original);
      const response = await fetch(`${bot.url}/api/messenger`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
        body: original.replace('hei', 'moi'),
      });
      expect(response.status).toBe(403);
      await bot.channels.messenger!.settled();
      expect(sent).toEqual([]);
    });
  });

  describe('Messenger conversations', () => {
    test('answers a Finnish question in plain text after a typing indicator, with quick replies', async () => {
      graphAccepts();
      expect(await webhook(event('psid-hours', { message: { mid: 'm1', text: 'Mitkä ovat aukioloaikanne?' } }))).toBe(200);
      expect(sent[0]).toEqual({ recipient: { id: 'psid-hours' }, sender_action: 'typing_on' });
      const reply = sent[1]!;
      expect(reply.messaging_type).toBe('RESPONSE');
      expect(reply.recipient).toEqual({ id: 'psid-hours' });
      expect(reply.message.text).toContain('klo 8');
      expect(reply.message.text).toContain('\n• ');
      expect(reply.message.text).not.toMatch(/\*\*|\n- /);
      expect(reply.message.quick_replies.length).toBeLessThanOrEqual(13);
      for (const quickReply of reply.message.quick_replies) {
        expect(quickReply.content_type).toBe('text');
        expect(quickReply.title.length).toBeLessThanOrEqual(20);
      }
    });

    test('a quick reply payload starts its intent', async () => {
      graphAccepts();
      await webhook(
        event('psid-qr', { message: { mid: 'm2', text: 'Tilauksen tila', quick_reply: { payload: JSON.stringify({ value: { intent: 'order_status' } }) } } }),
      );
      expect(texts()[0]).toMatch(/tilau/i);
    });

    test('the topic buttons go out as quick replies that come back as the same intent', async () => {
      graphAccepts();
      await webhook(event('psid-menu', { message: { mid: 'm3', text: 'kuka voitti jääkiekon maailmanmestaruuden vuonna 1995' } }));
      const quickReplies = sent.find((body) => body.message)!.message.quick_replies as { title: string; payload: string }[];
      const orders = quickReplies.find((quickReply) => quickReply.title === 'Tilauksen tila')!;
      expect(JSON.parse(orders.payload)).toEqual({ value: { intent: 'order_status' } });
    });

    test('the Get Started postback gets the welcome', async () => {
      graphAccepts();
      await webhook(event('psid-start', { postback: { title: 'Aloita', payload: 'GET_STARTED', mid: 'p1' } }));
      expect(texts()[0]).toMatch(/^Hei! Olen Vastaa-botti/);
    });

    test('echoes of our own messages and delivery receipts are not turns', async () => {
      graphAccepts();
      await webhook(event('psid-echo', { message: { mid: 'm4', text: 'bot said', is_echo: true } }));
      await webhook(event('psid-echo', { delivery: { mids: ['m4'], watermark: 1 } }));
      expect(sent).toEqual([]);
    });
  });

  describe('Messenger proactive sends and the 24-hour rule', () => {
    const referenceFor = (customer: string, name?: string) => ({
      channelId: 'facebook',
      conversation: { id: `${customer}-${PAGE}`, isGroup: false, conversationType: 'personal', name: '' },
      user: { id: customer, name: '' },
      bot: { id: PAGE, name: name ?? 'Vastaa' },
      serviceUrl: `${GRAPH}/v21.0`,
    });

    /** An agent's reply as AgentActions sends it: the server's mark says it is an agent's, not the name. */
    const agentReply = (text: string) => ({ type: 'message', text, channelData: { [AGENT_REPLY_MARK]: 'vili' } });

    async function customerWrote(customer: string, hoursAgo: number) {
      graphAccepts();
      await webhook(event(customer, { message: { mid: `m-${customer}`, text: 'hei' } }, Date.now() - hoursAgo * HOUR));
      nock.cleanAll();
      sent = [];
    }

    test("an agent's reply inside 24 hours is a normal update", async () => {
      await customerWrote('psid-agent-1', 2);
      graphAccepts();
      await bot.app.senders.continueConversation(
        referenceFor('psid-agent-1', 'Vili'),
        async (context) => void (await context.sendActivity(agentReply('Hei, täällä Vili. – Vili'))),
      );
      expect(sent).toEqual([{ recipient: { id: 'psid-agent-1' }, messaging_type: 'UPDATE', message: { text: 'Hei, täällä Vili. – Vili' } }]);
    });

    test("an agent's reply after 24 hours carries the HUMAN_AGENT tag", async () => {
      await customerWrote('psid-agent-2', 30);
      graphAccepts();
      await bot.app.senders.continueConversation(
        referenceFor('psid-agent-2', 'Vili'),
        async (context) => void (await context.sendActivity(agentReply('Selvitin asian. – Vili'))),
      );
      expect(sent).toEqual([
        { recipient: { id: 'psid-agent-2' }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'Selvitin asian. – Vili' } },
      ]);
    });

    test("the bot's own message after 24 hours is not sent and is reported", async () => {
      await customerWrote('psid-bot-late', 30);
      graphAccepts();
      await bot.app.senders.continueConversation(referenceFor('psid-bot-late'), async (context) => void (await context.sendActivity('Miten onnistuimme?')));
      expect(sent).toEqual([]);
      expect(failures).toEqual([expect.objectContaining({ kind: 'outside_window', recipientId: 'psid-bot-late', text: 'Miten onnistuimme?' })]);
    });

    test("when Meta says the window has closed, an agent's reply is sent again with the tag", async () => {
      nock(GRAPH)
        .post('/v21.0/me/messages', (body) => body.messaging_type === 'UPDATE')
        .reply(400, { error: { message: 'This message is sent outside of allowed window.', code: 10, error_subcode: 2018278 } });
      const tagged = nock(GRAPH)
        .post('/v21.0/me/messages', (body) => body.tag === 'HUMAN_AGENT')
        .reply(200, { message_id: 'm_tag' });
      await bot.app.senders.continueConversation(
        referenceFor('psid-unknown', 'Vili'),
        async (context) => void (await context.sendActivity(agentReply('Palaan asiaan. – Vili'))),
      );
      expect(tagged.isDone()).toBe(true);
      expect(failures).toEqual([]);
    });

    test('a refused send (4xx) is reported once, without retrying', async () => {
      const refused = nock(GRAPH)
        .post('/v21.0/me/messages')
        .once()
        .reply(400, { error: { message: 'No matching user found', code: 100, error_subcode: 2018001 } });
      await bot.app.senders.continueConversation(referenceFor('psid-gone', 'Vili'), async (context) => void (await context.sendActivity('Hei? – Vili')));
      expect(refused.isDone()).toBe(true);
      expect(failures).toEqual([expect.objectContaining({ kind: 'refused', status: 400, code: 100, subcode: 2018001, recipientId: 'psid-gone' })]);
      expect(bot.logs.some((line) => line.includes('messenger message not delivered') && line.includes('psid-gone'))).toBe(true);
    });

    test('a 5xx is retried and the message arrives', async () => {
      nock(GRAPH).post('/v21.0/me/messages').reply(502, 'Bad Gateway');
      const delivered = nock(GRAPH).post('/v21.0/me/messages').reply(200, { message_id: 'm_retry' });
      await bot.app.senders.continueConversation(referenceFor('psid-retry', 'Vili'), async (context) => void (await context.sendActivity('Hetki. – Vili')));
      expect(delivered.isDone()).toBe(true);
      expect(failures).toEqual([]);
    });
  });
}
