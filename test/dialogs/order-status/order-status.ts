import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import nock from 'nock';
import { savedConversation } from '../../support/conversation-state.js';
import { mockExternalApis } from '../../support/external-apis.js';
import { PROJECT_ROOT, startTestBot, type TestBot } from '../../support/test-bot.js';

/** Registers this file's tests; test/dialogs/orders-and-outages-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function orderStatusOrderStatus(): void {
  // Monday 23 November 2026, 10:00 in Helsinki; order 123456 is expected on Wednesday the 25th.
  const MONDAY_MORNING = new Date('2026-11-23T08:00:00Z');
  const SHOP = 'https://shop.example.com';
  const orderFixture = async () =>
    JSON.parse(await readFile(path.join(PROJECT_ROOT, 'test/fixtures/backends/order-123456.json'), 'utf8')) as Record<string, unknown>;

  /** What must never reach a customer: the demo orders' names, addresses, items and prices. */
  const PERSONAL = /Aino|Virtanen|Hämeenkatu|Mannerheimintie|reititin|Puhelin X12|129[.,]9|499/;

  mockExternalApis();

  type Step = [customer: string, bot: RegExp | string];

  /**
   * Runs a conversation as [customer says, bot replies] steps; every reply is checked, none may carry personal data.
   * Each conversation is its own customer: failed verifications count per customer across conversations.
   */
  async function converse(bot: TestBot, conversationId: string, steps: Step[], extra: Record<string, unknown> = {}): Promise<void> {
    for (const [customer, expected] of steps) {
      const replies = await bot.say(customer, { conversationId, from: { id: `customer-${conversationId}` }, ...extra });
      expect({ customer, reply: replies.join('\n') }).toEqual({ customer, reply: typeof expected === 'string' ? expected : expect.stringMatching(expected) });
      expect(replies.join('\n')).not.toMatch(PERSONAL);
    }
  }

  describe('order status with the built-in demo order API', () => {
    let bot: TestBot;
    beforeAll(async () => {
      bot = await startTestBot({ now: () => MONDAY_MORNING });
    });
    afterAll(async () => bot.stop());

    test('asks for the order number, verifies the email and answers with status, delivery day and tracking (fi)', async () => {
      await converse(bot, 'demo-fi', [
        ['missä mun paketti on', 'Tarkistan tilauksesi. Mikä on tilausnumerosi? Löydät sen tilausvahvistuksesta.'],
        ['#123 456', 'Kiitos. Varmistan vielä, että tilaus 123456 on sinun: kirjoita tilauksella oleva sähköpostiosoite tai toimitusosoitteen postinumero.'],
        [
          'Aino.Virtanen@example.com',
          'Tilauksesi 123456 on matkalla. Se on arviolta perillä keskiviikkona.\n\nKuljetusliike on Posti. Seuraa lähetystä: https://www.posti.fi/fi/seuranta#/lahetys/JJFI64123450000123456',
        ],
      ]);
    });

    test('skips the question when the first message has the number and verifies by postal code (en)', async () => {
      await converse(bot, 'demo-en', [
        ['where is my order 246810?', /^Thanks\. To make sure order 246810 is yours, type the email address or the delivery postal code/],
        ['00100', 'Your order 246810 is being prepared in our warehouse. It is expected to arrive on Friday.'],
      ]);
    });

    test('re-asks once for a bad order number with an example, then offers a person', async () => {
      await converse(bot, 'bad-number', [
        ['missä mun tilaus', /Mikä on tilausnumerosi/],
        ['12345', 'En tunnistanut tilausnumeroa. Tilausnumerossa on 6–12 numeroa, esimerkiksi 123456.'],
        ['abc', /^En saanut tilausnumeroa selville\./],
      ]);
      const [after] = await bot.send('kuka voitti jääkiekon maailmanmestaruuden vuonna 1995', { conversationId: 'bad-number' });
      expect(after?.text).toMatch(/^En ymmärtänyt/);
    });

    test('answers an unknown order number exactly like wrong details, so it does not tell which orders exist', async () => {
      await converse(bot, 'unknown', [
        ['where is order 111111', /order 111111 is yours/],
        ['33100', /^Those details don't match order 111111\./],
      ]);
      // Another order than the tests below use: failures on one order count across conversations.
      await converse(bot, 'wrong', [
        ['where is order 987654', /order 987654 is yours/],
        ['00100', /^Those details don't match order 987654\./],
      ]);
    });

    test('takes a corrected order number after a failed verification', async () => {
      await converse(bot, 'corrected', [
        ['missä on tilaus 123465', /tilaus 123465 on sinun/],
        ['00100', /^Tiedot eivät täsmää tilaukseen 123465\./],
        ['sori, oikea numero on 246810', /tilaus 246810 on sinun/],
        ['00100', /^Tilauksesi 246810 on käsittelyssä varastollamme\./],
      ]);
    });

    test('hands the conversation to a person after the third failed verification, revealing nothing', async () => {
      // Order 246810, so the order this locks is not the one the next tests look up.
      await converse(bot, 'three-fails', [
        ['missä mun tilaus', /tilausnumerosi/],
        ['246810', /on sinun/],
        ['00300', /^Tiedot eivät täsmää/],
        ['x@example.com', /^Tiedot eivät täsmää/],
      ]);
      const third = await bot.say('00200', { conversationId: 'three-fails', from: { id: 'customer-three-fails' } });
      expect(third.join('\n')).toMatch(/^En pystynyt varmistamaan tietoja, joten asiakaspalvelijamme jatkaa tätä keskustelua/);
      expect(third.join('\n')).not.toMatch(/täsmää|matkalla|Posti/);
      expect(bot.logs.filter((line) => line.includes('order verification failed') && line.includes('attempt=3'))).toHaveLength(1);
      // The agent gets the order number in the case summary, so the customer need not repeat it.
      const [opened] = (await bot.app.desk.agent.queue()).filter((record) => record.conversationKey === 'emulator/three-fails');
      expect(opened).toMatchObject({
        reason: 'sensitive_topic',
        signals: ['sensitive_topic', 'sensitive_topic:verification_failed'],
        summary: { intent: 'order_status', details: { orderNumber: '246810' } },
      });
      // The need is never the verification detail the customer typed last.
      expect(opened!.summary.need ?? null).toBeNull();
    });

    test('keeps the order number for the agent, never the email address', async () => {
      await converse(bot, 'details', [
        ['where is my parcel', /order number/],
        ['123456', /is yours/],
        ['aino.virtanen@example.com', /^Your order 123456 is on its way\. It is expected to arrive on Wednesday\./],
      ]);
      expect((await savedConversation(bot, 'details')).vastaa?.details).toEqual({ orderNumber: '123456' });
      expect(JSON.stringify(await savedConversation(bot, 'details'))).not.toMatch(/aino\.virtanen/i);
      expect(bot.logs.join('\n')).not.toMatch(/aino\.virtanen/i);
    });

    test('leaves the dialog when the customer asks something else: "actually, are you open on Sunday?"', async () => {
      await converse(bot, 'switch-en', [
        ['where is my parcel', /order number/],
        ['actually, are you open on Sunday?', /^On Sunday 29 November, our hours are:/],
      ]);
      await converse(bot, 'switch-fi', [
        ['missä mun tilaus', /tilausnumerosi/],
        ['123456', /on sinun/],
        ['ai niin, ootteks auki sunnuntaina?', /^Sunnuntaina 29\.11\. palvelemme näin:/],
      ]);
    });

    test('cancels on "never mind" and "antaa olla", offering the main topics', async () => {
      const [cancelEn] = await (async () => {
        await bot.say('where is my order', { conversationId: 'cancel-en' });
        return (await bot.send('never mind', { conversationId: 'cancel-en' })).filter((activity) => activity.type === 'message');
      })();
      expect(cancelEn?.text).toMatch(/^(Okay, let's leave that|Sure, I'll drop that)/);
      expect(cancelEn?.suggestedActions?.actions.map((action) => action.title)).toEqual(['Outages', 'Opening hours', 'Order status', 'Talk to a person']);
      await converse(bot, 'cancel-fi', [
        ['onko häiriöitä', /Millä paikkakunnalla olet/],
        ['antaa olla', /^(Selvä, jätetään tämä|Okei, unohdetaan se)/],
      ]);
    });
  });

  describe('order status from an order API (ORDER_API_URL)', () => {
    let bot: TestBot;
    beforeAll(async () => {
      bot = await startTestBot({ now: () => MONDAY_MORNING, env: { ORDER_API_URL: `${SHOP}/api`, ORDER_API_TIMEOUT_MS: '300', ORDER_API_TOKEN: 'token-1' } });
    });
    afterAll(async () => bot.stop());

    test('answers a found order, calling GET /orders/{id} with the token', async () => {
      nock(SHOP)
        .get('/api/orders/123456')
        .matchHeader('authorization', 'Bearer token-1')
        .reply(200, await orderFixture());
      await converse(bot, 'api-found', [
        ['where is order 123456', /is yours/],
        [
          '33100',
          /^Your order 123456 is on its way\. It is expected to arrive on Wednesday\.\n\nThe carrier is Posti\. Track it here: https:\/\/www\.posti\.fi/,
        ],
      ]);
    });

    test('treats an order the API does not know (404) as details that do not match', async () => {
      nock(SHOP).get('/api/orders/999999').reply(404, { error: 'not found' });
      await converse(bot, 'api-404', [
        ['missä on tilaus 999999', /on sinun/],
        ['33100', /^Tiedot eivät täsmää tilaukseen 999999\./],
      ]);
    });

    test.each([
      ['a 500', () => nock(SHOP).get('/api/orders/123456').reply(500, 'boom'), /answered 500/],
      [
        'a timeout',
        async () =>
          nock(SHOP)
            .get('/api/orders/123456')
            .delay(700)
            .reply(200, await orderFixture()),
        /did not answer within 300 ms/,
      ],
      ['a malformed body', () => nock(SHOP).get('/api/orders/123456').reply(200, '{"id": "123456", "status": '), /not JSON/],
    ])('after %s says honestly it cannot check, offers a person, and logs the cause once', async (name, setUp, cause) => {
      await setUp();
      const conversationId = `api-fail-${name}`;
      await bot.say('missä on tilaus 123456', { conversationId });
      const logged = bot.logs.length;
      const [message] = (await bot.send('33100', { conversationId })).filter((activity) => activity.type === 'message');
      expect(message?.text).toBe(
        'Pahoittelen, etten saa juuri nyt yhteyttä tilausjärjestelmään, joten en pysty tarkistamaan tilaustasi. Valitse "Puhu ihmiselle", niin asiakaspalvelijamme tarkistaa sen puolestasi.',
      );
      expect(message?.suggestedActions?.actions[0]).toMatchObject({ title: 'Puhu ihmiselle', value: { intent: 'human_agent' } });
      const errors = bot.logs.slice(logged).filter((line) => line.includes(' ERROR '));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/order API failed/);
      expect(errors[0]).toMatch(cause);
    });
  });

  describe('order status in public conversations', () => {
    let bot: TestBot;
    beforeAll(async () => {
      // API_MESSAGES=open: these conversations come from channels other than the Emulator.
      bot = await startTestBot({
        env: { API_MESSAGES: 'open', ORDER_API_URL: `${SHOP}/api`, PUBLIC_CHANNELS: 'facebook-comments', PRIVATE_CHAT_URL: 'https://m.me/vastaa' },
      });
    });
    afterAll(async () => bot.stop());

    test.each([
      ['a Messenger comment thread', { conversation: { id: 'public-1', conversationType: 'comment' } }],
      ['a channel listed in PUBLIC_CHANNELS', { channelId: 'facebook-comments' }],
      ['a group conversation', { conversation: { id: 'public-3', isGroup: true } }],
      ['a conversation its channel marks public', { channelData: { public: true } }],
    ])('in %s moves the customer to a private chat without asking or looking anything up', async (_name, fields) => {
      const [message] = (await bot.send('missä on tilaus 123456', { conversationId: `public-${_name}`, ...(fields as Partial<Activity>) })).filter(
        (activity) => activity.type === 'message',
      );
      expect(message?.text).toBe(
        'Tilauksen tiedot ovat henkilökohtaisia, joten en käsittele niitä julkisesti. Lähetä meille yksityisviesti, niin tarkistan tilauksesi siellä: https://m.me/vastaa Älä kirjoita tilausnumeroa tai yhteystietojasi tänne.',
      );
    });

    test('in a private chat on the same bot asks for the order number', async () => {
      const [reply] = await bot.say('where is my order', { conversationId: 'private-1' });
      expect(reply).toMatch(/What is your order number/);
    });
  });
}
