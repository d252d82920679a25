import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import nock from 'nock';
import { mockExternalApis } from '../../support/external-apis.js';
import { PROJECT_ROOT, startTestBot, type TestBot } from '../../support/test-bot.js';

/** Registers this file's tests; test/dialogs/orders-and-outages-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function orderStatusOrderAnswers(): void {
  // Monday 23 November 2026, 10:00 in Helsinki: nothing in demo/orders.json is late yet.
  const MONDAY_MORNING = new Date('2026-11-23T08:00:00Z');
  // Saturday 28 November 2026, 10:00 in Helsinki: 123456 (Wednesday 25th) and 246810 (Friday 27th) are late.
  const SATURDAY_MORNING = new Date('2026-11-28T08:00:00Z');
  const SHOP = 'https://shop.example.com';

  mockExternalApis();

  /** Asks about an order in the customer's language, verifies it, and returns the bot's answer. */
  async function orderAnswer(bot: TestBot, conversationId: string, language: 'fi' | 'en', orderNumber: string, detail: string): Promise<Activity> {
    const from = { id: `customer-${conversationId}` };
    await bot.say(language === 'fi' ? `missä on tilaus ${orderNumber}` : `where is order ${orderNumber}`, { conversationId, from });
    const [message] = (await bot.send(detail, { conversationId, from })).filter((activity) => activity.type === 'message');
    return message!;
  }

  const firstButton = (message: Activity) => message.suggestedActions?.actions[0]?.title;

  describe('order answers from the built-in demo order API', () => {
    let monday: TestBot;
    let saturday: TestBot;
    beforeAll(async () => {
      monday = await startTestBot({ now: () => MONDAY_MORNING });
      saturday = await startTestBot({ now: () => SATURDAY_MORNING });
    });
    afterAll(async () => Promise.all([monday.stop(), saturday.stop()]));

    test.each([
      [
        'fi',
        'Tilauksesi 123456 on myöhässä. Sen piti olla perillä keskiviikkona 25.11. Pahoittelen, että toimitus on viivästynyt. Lähetys on yhä matkalla. Jos haluat, että asiakaspalvelijamme selvittää viivästyksen kuljetusliikkeen kanssa, valitse "Puhu ihmiselle".\n\nKuljetusliike on Posti. Seuraa lähetystä: https://www.posti.fi/fi/seuranta#/lahetys/JJFI64123450000123456',
        'Puhu ihmiselle',
      ],
      [
        'en',
        'Your order 123456 is late. It was due to arrive on Wednesday 25 November. I\'m sorry that the delivery has been delayed. The parcel is still on its way. If you\'d like one of our agents to look into the delay with the carrier, choose "Talk to a person".\n\nThe carrier is Posti. Track it here: https://www.posti.fi/fi/seuranta#/lahetys/JJFI64123450000123456',
        'Talk to a person',
      ],
    ] as const)('says a shipped order past its expected day is late, apologises and offers a person (%s)', async (language, text, person) => {
      const message = await orderAnswer(saturday, `late-shipped-${language}`, language, '123456', '33100');
      expect(message.text).toBe(text);
      expect(firstButton(message)).toBe(person);
    });

    test.each([
      [
        'fi',
        'Tilauksesi 246810 on myöhässä. Sen piti olla perillä perjantaina 27.11., mutta se ei ole vielä lähtenyt varastoltamme. Pahoittelen, että tilauksesi käsittely on viivästynyt. Lähetämme tilauksen heti, kun se on valmis. Jos haluat, että asiakaspalvelijamme tarkistaa, milloin se lähtee, valitse "Puhu ihmiselle".',
      ],
      [
        'en',
        'Your order 246810 is late. It was due to arrive on Friday 27 November, but it has not left our warehouse yet. I\'m sorry that your order has been delayed. We will send it as soon as it is ready. If you\'d like one of our agents to check when it leaves, choose "Talk to a person".',
      ],
    ] as const)('says an order still at the warehouse past its expected day is late and what happens next (%s)', async (language, text) => {
      const message = await orderAnswer(saturday, `late-warehouse-${language}`, language, '246810', '00100');
      expect(message.text).toBe(text);
    });

    test.each([
      ['fi', 'Tilauksesi 123456 on matkalla. Se on arviolta perillä keskiviikkona.'],
      ['en', 'Your order 123456 is on its way. It is expected to arrive on Wednesday.'],
    ] as const)('gives the expected day of an order on time without apologising (%s)', async (language, text) => {
      const message = await orderAnswer(monday, `on-time-${language}`, language, '123456', '33100');
      expect(message.text?.split('\n\n')[0]).toBe(text);
    });

    test.each([
      [
        'fi',
        'Tilauksesi 987654 odottaa noutoa. Noutopiste: Pakettipiste Sale Oulu Keskusta, Isokatu 20, Oulu. Nouda se viimeistään keskiviikkona 2.12.\n\nKuljetusliike on Matkahuolto. Seuraa lähetystä: https://www.matkahuolto.fi/seuranta?parcelNumber=MH987654000',
      ],
      [
        'en',
        'Your order 987654 is ready for pickup at Pakettipiste Sale Oulu Keskusta, Isokatu 20, Oulu. Pick it up on Wednesday 2 December at the latest.\n\nThe carrier is Matkahuolto. Track it here: https://www.matkahuolto.fi/seuranta?parcelNumber=MH987654000',
      ],
    ] as const)('tells where a pickup waits and the last day to pick it up (%s)', async (language, text) => {
      const message = await orderAnswer(monday, `pickup-${language}`, language, '987654', '90100');
      expect(message.text).toBe(text);
    });

    test.each([
      [
        'fi',
        'Tilauksesi 555123 on toimitettu. Jos et ole saanut sitä, katso postilaatikosta ja oven edestä ja kysy naapureilta. Jos paketti ei löydy, valitse "Puhu ihmiselle", niin asiakaspalvelijamme selvittää asian kuljetusliikkeen kanssa.\n\nKuljetusliike on Posti. Seuraa lähetystä: https://www.posti.fi/fi/seuranta#/lahetys/JJFI64123450000555123',
        'Puhu ihmiselle',
      ],
      [
        'en',
        'Your order 555123 has been delivered. If you haven\'t received it, check your mailbox and your doorstep, and ask your neighbours. If you still can\'t find it, choose "Talk to a person" and one of our agents will sort it out with the carrier.\n\nThe carrier is Posti. Track it here: https://www.posti.fi/fi/seuranta#/lahetys/JJFI64123450000555123',
        'Talk to a person',
      ],
    ] as const)('tells what to do when a delivered order has not arrived and offers a person (%s)', async (language, text, person) => {
      const message = await orderAnswer(monday, `delivered-${language}`, language, '555123', 'john.smith@example.com');
      expect(message.text).toBe(text);
      expect(firstButton(message)).toBe(person);
    });

    test.each([
      [
        'fi',
        'Tilauksesi 314159 on peruttu. Jos maksoit sen jo, palautamme rahat samalle maksutavalle. Palautus näkyy yleensä muutaman pankkipäivän kuluessa. Jos haluat tuotteet silti, tee uusi tilaus. Jos et perunut tilausta itse, valitse "Puhu ihmiselle", niin asiakaspalvelijamme kertoo syyn.',
        'Puhu ihmiselle',
      ],
      [
        'en',
        'Your order 314159 has been cancelled. If you already paid, we will refund the money to the same payment method. The refund usually shows within a few banking days. If you still want the products, place a new order. If you didn\'t cancel it yourself, choose "Talk to a person" and one of our agents will tell you why.',
        'Talk to a person',
      ],
    ] as const)('tells how a cancelled order is refunded and what to do (%s)', async (language, text, person) => {
      const message = await orderAnswer(monday, `cancelled-${language}`, language, '314159', '40100');
      expect(message.text).toBe(text);
      expect(firstButton(message)).toBe(person);
    });
  });

  describe('order dialogs that end without an answer name the next step', () => {
    let bot: TestBot;
    beforeAll(async () => {
      bot = await startTestBot({ now: () => MONDAY_MORNING });
    });
    afterAll(async () => bot.stop());

    test.each([
      [
        'fi',
        ['missä mun tilaus', '12345', 'abc'],
        'En saanut tilausnumeroa selville. Tarkista se tilausvahvistuksesta ja kysy uudelleen, tai valitse "Puhu ihmiselle", niin asiakaspalvelijamme auttaa sinua.',
        'Puhu ihmiselle',
      ],
      [
        'en',
        ['where is my order', '12345', 'abc'],
        'I still couldn\'t find an order number. Check it in your order confirmation and ask again, or choose "Talk to a person" and one of our agents will help you.',
        'Talk to a person',
      ],
      [
        'fi',
        ['missä on tilaus 123456', 'abc', 'xyz'],
        'En voi kertoa tilauksen tietoja ilman varmistusta. Valitse "Puhu ihmiselle", niin asiakaspalvelijamme auttaa sinua.',
        'Puhu ihmiselle',
      ],
      [
        'en',
        ['where is order 123456', 'abc', 'xyz'],
        'I can\'t share order details without verifying them first. Choose "Talk to a person" and one of our agents will help you.',
        'Talk to a person',
      ],
    ] as const)('gives up after two unclear answers with a person one tap away (%s: %j)', async (language, messages, text, person) => {
      const conversationId = `gave-up-${language}-${messages[1]}`;
      let replies: Activity[] = [];
      for (const message of messages) replies = await bot.send(message, { conversationId, from: { id: `customer-${conversationId}` } });
      const [last] = replies.filter((activity) => activity.type === 'message');
      expect(last?.text).toBe(text);
      expect(firstButton(last!)).toBe(person);
    });
  });

  describe('pickup answers from an order API that does not tell the pickup point or the last day', () => {
    let bot: TestBot;
    beforeAll(async () => {
      bot = await startTestBot({ now: () => MONDAY_MORNING, env: { ORDER_API_URL: `${SHOP}/api`, ORDER_API_TIMEOUT_MS: '300' } });
    });
    afterAll(async () => bot.stop());

    const pickupOrder = async (fields: Record<string, unknown>) => {
      const order = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'test/fixtures/backends/order-123456.json'), 'utf8')) as Record<string, unknown>;
      return { ...order, status: 'ready_for_pickup', carrier: null, trackingUrl: null, ...fields };
    };

    test('says it cannot reach the order system with a first-person apology and the next step (en)', async () => {
      nock(SHOP).get('/api/orders/123456').reply(500, 'boom');
      const message = await orderAnswer(bot, 'api-down-en', 'en', '123456', '33100');
      expect(message.text).toBe(
        "I'm sorry that I can't reach our order system right now, so I can't check your order. Choose \"Talk to a person\" and one of our agents will check it for you.",
      );
      expect(firstButton(message)).toBe('Talk to a person');
    });

    test.each([
      ['fi', {}, 'Tilauksesi 123456 odottaa noutoa noutopisteessä. Saapumisilmoituksessa on noutopiste ja viimeinen noutopäivä.'],
      ['en', {}, 'Your order 123456 is waiting for you at the pickup point. Your arrival notice tells you where to pick it up and by when.'],
      [
        'fi',
        { pickupPoint: 'Posti, Hämeenkatu 9, Tampere' },
        'Tilauksesi 123456 odottaa noutoa. Noutopiste: Posti, Hämeenkatu 9, Tampere. Saapumisilmoituksessa on viimeinen noutopäivä.',
      ],
      [
        'en',
        { pickupPoint: 'Posti, Hämeenkatu 9, Tampere' },
        'Your order 123456 is ready for pickup at Posti, Hämeenkatu 9, Tampere. Your arrival notice tells you the last day to pick it up.',
      ],
      [
        'fi',
        { pickupDeadline: '2026-11-24' },
        'Tilauksesi 123456 odottaa noutoa noutopisteessä. Nouda se viimeistään huomenna. Saapumisilmoituksessa on noutopisteen osoite.',
      ],
      [
        'en',
        { pickupDeadline: '2026-11-24' },
        'Your order 123456 is waiting for you at the pickup point. Pick it up tomorrow at the latest. Your arrival notice tells you where to pick it up.',
      ],
    ] as const)('points to the arrival notice for what the API did not tell (%s, %j)', async (language, fields, text) => {
      nock(SHOP)
        .get('/api/orders/123456')
        .reply(200, await pickupOrder(fields));
      const message = await orderAnswer(bot, `pickup-api-${language}-${Object.keys(fields).join('-')}`, language, '123456', '33100');
      expect(message.text).toBe(text);
    });

    test.each([
      [
        'fi',
        'Tilauksesi 123456 noutoaika päättyi lauantaina 21.11. Paketti voi olla jo matkalla takaisin meille. Valitse "Puhu ihmiselle", niin asiakaspalvelijamme tarkistaa, missä se on.',
        'Puhu ihmiselle',
      ],
      [
        'en',
        'The pickup time for your order 123456 ended on Saturday 21 November. The parcel may already be on its way back to us. Choose "Talk to a person" and one of our agents will check where it is.',
        'Talk to a person',
      ],
    ] as const)('says when the last pickup day has passed and offers a person to find the parcel (%s)', async (language, text, person) => {
      nock(SHOP)
        .get('/api/orders/123456')
        .reply(200, await pickupOrder({ pickupPoint: 'Posti, Hämeenkatu 9, Tampere', pickupDeadline: '2026-11-21' }));
      const message = await orderAnswer(bot, `pickup-expired-${language}`, language, '123456', '33100');
      expect(message.text).toBe(text);
      expect(firstButton(message)).toBe(person);
    });
  });
}
