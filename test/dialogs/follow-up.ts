import type { NluResult } from '../../core/nlu/index.js';
import { findFollowUp } from '../../dialogs/index.js';
import { savedConversation } from '../support/conversation-state.js';
import { mockExternalApis } from '../support/external-apis.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';

/** Registers this file's tests; test/dialogs/conversations-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function followUp(): void {
  // Monday 23 November 2026, 10:00 in Helsinki. From demo/outages.json: the Tampere power cut is being
  // repaired, the Helsinki internet fault investigated, Turku's resolved, Espoo never had one.
  // Order 123456 is expected on Wednesday the 25th, 246810 on Friday.
  const MONDAY_MORNING = new Date('2026-11-23T08:00:00Z');

  mockExternalApis();

  /** The greeting intent's Finnish answers (they rotate), or the goodbye's: "moi moi" and "heippa" also say goodbye. */
  const FINNISH_GREETING_OR_GOODBYE = /^(Hei! Olen Vastaa|Moi! Kerro, mitä asiaa|Kiitos keskustelusta)/;

  type Step = [customer: string, bot: RegExp];

  /** Runs a conversation as [customer says, bot replies] steps; every reply is checked. */
  async function converse(bot: TestBot, conversationId: string, steps: Step[]): Promise<void> {
    for (const [customer, expected] of steps) {
      const reply = (await bot.say(customer, { conversationId, from: { id: `customer-${conversationId}` } })).join('\n');
      expect({ customer, reply }).toEqual({ customer, reply: expect.stringMatching(expected) });
    }
  }

  describe('an elliptical follow-up continues the last topic with the new detail', () => {
    let bot: TestBot;
    beforeAll(async () => {
      bot = await startTestBot({ now: () => MONDAY_MORNING });
    });
    afterAll(async () => bot.stop());

    test('"entäs Turussa?" after an outage answer answers the outage question for Turku, and "entä Helsingissä?" for Helsinki', async () => {
      await converse(bot, 'outage-fi', [
        ['onko Tampereella sähkökatko', /\(Tampere, Pirkkala\)/],
        ['entäs Turussa?', /^Alueellesi \(Turku\) ei ole ilmoitettu häiriöitä/],
        ['entä Helsingissä?', /\(Helsinki, Kallio\)[^]*hairiot\/NET-2026-1123-02/],
      ]);
      expect((await savedConversation(bot, 'outage-fi')).vastaa?.details).toMatchObject({ area: 'Helsinki' });
    });

    test('"and in Espoo?" and "what about Helsinki?" after an outage answer answer for those places, and a bare "Helsinki?" stays in English', async () => {
      await converse(bot, 'outage-en', [
        ['is there a power cut in Tampere?', /^Yes, .*\(Tampere, Pirkkala\)/],
        ['and in Espoo?', /^There are no reported outages in your area \(Espoo\)/],
        ['what about Helsinki?', /^Yes, .*\(Helsinki, Kallio\)[^]*hairiot\/NET-2026-1123-02/],
        ['Helsinki?', /^Yes, .*\(Helsinki, Kallio\)/],
      ]);
    });

    test('"entä lauantaina?" after an opening-hours answer gives Saturday\'s hours', async () => {
      await converse(bot, 'hours-fi', [
        ['milloin olette auki', /^Olemme nyt auki/],
        ['entä lauantaina?', /^Lauantaina 28\.11\.[^]*Puhelin: kiinni[^]*Chat: 10–16/],
        ['entäs sunnuntaina?', /^Sunnuntaina 29\.11\.[^]*Myymälä: kiinni/],
      ]);
    });

    test('"what about Saturday?" after an opening-hours answer gives Saturday\'s hours', async () => {
      await converse(bot, 'hours-en', [
        ['when are you open?', /^We are open now/],
        ['what about Saturday?', /^On Saturday 28 November[^]*Phone: closed[^]*Chat: 10:00–16:00/],
        ['and on Sunday?', /^On Sunday 29 November[^]*Store: closed/],
      ]);
    });

    test('a bare order number after an order question another topic interrupted continues the order question (fi)', async () => {
      await converse(bot, 'order-fi', [
        ['missä mun paketti on', /Mikä on tilausnumerosi\?/],
        ['milloin olette auki', /^Olemme nyt auki/],
        ['123456', /^Kiitos\. Varmistan vielä, että tilaus 123456 on sinun/],
        ['aino.virtanen@example.com', /^Tilauksesi 123456 on matkalla/],
      ]);
    });

    test('a bare order number after an order question another topic interrupted continues the order question (en)', async () => {
      await converse(bot, 'order-en', [
        ['where is my order', /What is your order number\?/],
        ['when are you open?', /^We are open now/],
        ['246810', /^Thanks\. To make sure order 246810 is yours/],
        ['00100', /^Your order 246810 is being prepared/],
      ]);
    });

    test('a place after an outage question another topic interrupted answers the outage question for that place', async () => {
      await converse(bot, 'outage-interrupted', [
        ['onks teil häiriöitä?', /Millä paikkakunnalla olet/],
        ['milloin olette auki', /^Olemme nyt auki/],
        ['Tampere', /\(Tampere, Pirkkala\)[^]*hairiot\/EL-2026-1123-01/],
      ]);
    });

    test('a postal code after an interrupted order question is not taken for an order number', async () => {
      await converse(bot, 'order-postal-code', [
        ['where is my order', /What is your order number\?/],
        ['when are you open?', /^We are open now/],
        ['33100', /^I didn't understand/],
      ]);
    });
  });

  describe('a message that is not a follow-up goes its usual way', () => {
    let bot: TestBot;
    beforeAll(async () => {
      bot = await startTestBot({ now: () => MONDAY_MORNING });
    });
    afterAll(async () => bot.stop());

    test('an unrelated message after an outage answer is not taken as an outage question', async () => {
      await converse(bot, 'unrelated-fi', [
        ['onko Tampereella sähkökatko', /\(Tampere, Pirkkala\)/],
        ['entäs jääkiekko?', /^En ymmärtänyt/],
        ['kiitos', /^Ole hyvä/],
      ]);
    });

    test('a question of its own that names a place is answered as that question, not as an outage follow-up', async () => {
      await converse(bot, 'unrelated-en', [
        ['is there a power cut in Tampere?', /\(Tampere, Pirkkala\)/],
        ['and when is your store in Tampere open on Saturday?', /^On Saturday 28 November/],
      ]);
    });

    test('a day after an outage answer is not an outage question', async () => {
      await converse(bot, 'day-after-outage', [['onko Tampereella sähkökatko', /\(Tampere, Pirkkala\)/]]);
      const [reply] = await bot.say('entä huomenna?', { conversationId: 'day-after-outage', from: { id: 'customer-day-after-outage' } });
      expect(reply).not.toMatch(/alueellasi|Tampere|häiriö/i);
    });
  });

  describe('short Finnish greetings get a Finnish reply', () => {
    let bot: TestBot;
    beforeAll(async () => {
      bot = await startTestBot({ now: () => MONDAY_MORNING });
    });
    afterAll(async () => bot.stop());

    test.each(['terve', 'moro', 'päivää', 'Terve!', 'moi moi', 'heippa'])('"%s" opening a conversation', async (greeting) => {
      const [reply] = await bot.say(greeting, { conversationId: `greeting-${greeting}` });
      expect(reply).toMatch(FINNISH_GREETING_OR_GOODBYE);
    });

    test.each(['terve', 'moro'])('"%s" in a conversation that was in English', async (greeting) => {
      await converse(bot, `greeting-after-en-${greeting}`, [
        ['hello', /^(Hi|Hello)! /],
        [greeting, FINNISH_GREETING_OR_GOODBYE],
      ]);
    });

    test('an English greeting in a Finnish conversation gets an English reply', async () => {
      await converse(bot, 'greeting-en-after-fi', [
        ['moi', FINNISH_GREETING_OR_GOODBYE],
        ['hi', /^(Hi|Hello)! /],
      ]);
    });
  });

  describe('findFollowUp', () => {
    const nlu = (intent: string | null) => ({ intent }) as NluResult;
    /** After an outage answer: the outage topic understands any text naming Turku. */
    const afterOutage = (text: string, intent: string | null = null) =>
      findFollowUp({
        text,
        nlu: nlu(intent),
        topics: ['outage'],
        understands: (_topic, candidate) => /turu|turku/i.test(candidate),
        isTopic: (name) => name !== 'help',
      });

    test.each([
      ['entäs Turussa?', null, { intent: 'outage', led: true }],
      ['entäs sitten Turussa?', null, { intent: 'outage', led: true }],
      ['what about Turku?', 'help', { intent: 'outage', led: true }],
      ['Turku?', null, { intent: 'outage', led: false }],
    ] as const)('"%s" (own intent %s) continues the outage topic', (text, intent, expected) => {
      expect(afterOutage(text, intent)).toEqual(expected);
    });

    test.each([
      ['entäs jääkiekko?', null],
      ['Turku', 'greeting'],
      ['and when is the Turku store open?', null],
      ['ja Turussa aukiolo?', 'opening_hours'],
      ['entä', null],
    ] as const)('"%s" (own intent %s) is not a follow-up', (text, intent) => {
      expect(afterOutage(text, intent)).toBeUndefined();
    });
  });
}
