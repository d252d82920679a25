import nock from 'nock';
import { conversationKey } from '../../../../handoff/index.js';
import { ANNA, startConsoleBot, VILI, type ConsoleBot } from '../../../support/console-bot.js';
import { postSignedWebhook } from '../../../support/messenger-webhook.js';

/** Registers this file's tests; ../channels-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function messengerAgentPresenceOnMessenger(): void {
  // A Messenger customer meets agents through the agent API, with Meta's Graph API mocked at the edge:
  // who joined, transferred and left reaches them as short plain text, an agent's typing as Messenger's
  // typing bubble, and neither the lines' marks nor typing end up anywhere else.
  const GRAPH = 'https://graph.facebook.com';
  const APP_SECRET = 'presence-app-secret';
  const PAGE = 'page-1';

  let bot: ConsoleBot;
  let vili: string;
  let anna: string;
  let sent: Record<string, any>[];

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1/);
    bot = await startConsoleBot({ env: { MESSENGER_APP_SECRET: APP_SECRET, MESSENGER_PAGE_ACCESS_TOKEN: 'page-token', MESSENGER_VERIFY_TOKEN: 'verify' } });
    [vili, anna] = await Promise.all([bot.signIn(VILI), bot.signIn(ANNA)]);
  });
  beforeEach(() => {
    sent = [];
    nock(GRAPH)
      .post('/v21.0/me/messages', (body) => {
        sent.push(body);
        return true;
      })
      .reply(200, () => ({ recipient_id: 'x', message_id: `m_${sent.length}` }))
      .persist();
  });
  afterEach(() => nock.cleanAll());
  afterAll(async () => {
    await bot?.stop();
    nock.enableNetConnect();
  });

  let mids = 0;
  /** The customer writes on Messenger; resolves once the bot has answered. */
  async function customerWrites(psid: string, text: string): Promise<void> {
    const timestamp = Date.now();
    const body = {
      object: 'page',
      entry: [
        { id: PAGE, time: timestamp, messaging: [{ sender: { id: psid }, recipient: { id: PAGE }, timestamp, message: { mid: `mid-${++mids}`, text } }] },
      ],
    };
    const response = await postSignedWebhook(bot.url, APP_SECRET, JSON.stringify(body));
    expect(response.status).toBe(200);
    await bot.app.channels.messenger!.settled();
  }

  async function caseOf(psid: string): Promise<string> {
    const conversation = await bot.app.desk.agent.conversation(conversationKey('facebook', `${psid}-${PAGE}`));
    expect(conversation?.openCaseId).toBeDefined();
    return conversation!.openCaseId!;
  }

  async function act(cookie: string, caseId: string, action: string, body: unknown = {}) {
    return bot.call('POST', `/api/agent/cases/${caseId}/${action}`, { cookie, body });
  }

  const texts = () => sent.filter((body) => body.message).map((body) => body.message.text as string);

  test('the customer reads who joined, who transferred them to whom, and who left as plain text', async () => {
    await customerWrites('psid-people', 'haluan puhua ihmiselle');
    const caseId = await caseOf('psid-people');
    sent.length = 0;

    expect((await act(vili, caseId, 'claim')).status).toBe(200);
    expect((await act(vili, caseId, 'transfer', { to: 'anna' })).status).toBe(200);
    expect((await act(anna, caseId, 'release')).status).toBe(200);

    expect(texts()).toEqual(['Vili liittyi keskusteluun.', 'Vili siirsi sinut Annalle.', 'Anna poistui keskustelusta. Botti jatkaa.']);
    // Proactive and plain: no markdown, no buttons, nothing of the web chat's mark.
    for (const body of sent) {
      expect(body.messaging_type).toBe('UPDATE');
      expect(body.message.quick_replies).toBeUndefined();
      expect(JSON.stringify(body)).not.toContain('vastaaEventLine');
    }
  });

  test('closing says the agent left before asking for the rating', async () => {
    await customerWrites('psid-close', 'haluan puhua ihmiselle');
    const caseId = await caseOf('psid-close');
    await act(anna, caseId, 'claim');
    sent.length = 0;
    expect((await act(anna, caseId, 'close', { resolution: 'Neuvottu' })).status).toBe(200);
    expect(texts()[0]).toBe('Anna poistui keskustelusta. Botti jatkaa.');
    expect(texts()[1]).toMatch(/^Asiasi on käsitelty/);

    // The customer's next case: the summary's "the bot already said" is about the matter, not who came and went.
    await customerWrites('psid-close', '5');
    await customerWrites('psid-close', 'haluan puhua ihmiselle uudestaan');
    const next = await bot.app.desk.agent.getCase(await caseOf('psid-close'));
    expect(next.id).not.toBe(caseId);
    expect(next.summary.botSaid.join(' ')).not.toMatch(/liittyi|poistui/);
  });

  test("the agent's typing reaches the customer as Messenger's typing bubble, at most once a second, and is never stored", async () => {
    await customerWrites('psid-typing', 'haluan puhua ihmiselle');
    const caseId = await caseOf('psid-typing');
    await act(vili, caseId, 'claim');
    const before = await bot.app.desk.agent.getCase(caseId);
    sent.length = 0;

    const first = await act(vili, caseId, 'typing');
    expect(first.status).toBe(204);
    expect(sent).toEqual([{ recipient: { id: 'psid-typing' }, sender_action: 'typing_on' }]);

    const tooSoon = await act(vili, caseId, 'typing');
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body.error.code).toBe('too_many_typing_signals');
    expect(tooSoon.headers.get('retry-after')).toBe('1');
    expect(sent).toHaveLength(1);

    // Neither the case nor the transcript changes.
    const after = await bot.app.desk.agent.getCase(caseId);
    expect(after.revision).toBe(before.revision);
    expect(after.events).toEqual(before.events);
    const transcript = await bot.app.transcripts.allActivities('facebook', `psid-typing-${PAGE}`);
    expect(transcript.filter((activity) => activity.type === 'typing')).toEqual([]);
  });

  test('only the agent who holds the case may show typing', async () => {
    await customerWrites('psid-not-yours', 'haluan puhua ihmiselle');
    const caseId = await caseOf('psid-not-yours');
    sent.length = 0;
    // Waiting: nobody holds it yet.
    expect((await act(anna, caseId, 'typing')).status).toBe(409);
    await act(vili, caseId, 'claim');
    sent.length = 0;
    const answer = await act(anna, caseId, 'typing');
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('not_your_case');
    expect(sent).toEqual([]);
  });
}
