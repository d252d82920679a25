import { readFile } from 'node:fs/promises';
import path from 'node:path';
import nock from 'nock';
import { savedConversation } from '../../support/conversation-state.js';
import { mockExternalApis } from '../../support/external-apis.js';
import { PROJECT_ROOT, startTestBot, type TestBot } from '../../support/test-bot.js';

/** Registers this file's tests; test/dialogs/orders-and-outages-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function outageOutage(): void {
  // Monday 23 November 2026, 10:00 in Helsinki: the Tampere power cut (since 7:40, fix by 14) is being repaired,
  // the Helsinki internet fault is being investigated, the Oulu mobile maintenance is tonight, Turku's is resolved.
  const MONDAY_MORNING = new Date('2026-11-23T08:00:00Z');
  const FEED = 'https://status.example.com';
  const feedFixture = async () =>
    JSON.parse(await readFile(path.join(PROJECT_ROOT, 'test/fixtures/backends/outage-feed.json'), 'utf8')) as Record<string, unknown>;

  mockExternalApis();

  const buttonsOf = (activity: { suggestedActions?: { actions: { title: string; value?: unknown }[] } }) => activity.suggestedActions?.actions ?? [];
  const messagesOf = async (bot: TestBot, text: string, conversationId: string) =>
    (await bot.send(text, { conversationId })).filter((activity) => activity.type === 'message');

  describe('outages from the built-in feed (demo/outages.json)', () => {
    let bot: TestBot;
    beforeAll(async () => {
      bot = await startTestBot({ now: () => MONDAY_MORNING });
    });
    afterAll(async () => bot.stop());

    test('answers "onko Tampereella sähkökatko" at once with what, since when, the fix estimate and where to follow', async () => {
      const [answer] = await bot.say('onko Tampereella sähkökatko', { conversationId: 'tampere' });
      expect(answer).toBe(
        'Kyllä, alueellasi on sähkökatko (Tampere, Pirkkala). Korjaus on käynnissä. Häiriö alkoi tänään klo 7.40. ' +
          'Korjauksen arvioidaan valmistuvan tänään klo 14.\n\nSeuraa tilannetta: https://vastaa.example/hairiot/EL-2026-1123-01',
      );
    });

    test('asks for the place once when the message has none, then answers for "Helsingissä"', async () => {
      const [question] = await bot.say('onks teil häiriöitä?', { conversationId: 'ask-fi' });
      expect(question).toMatch(/^Tiedossamme on tällä hetkellä häiriöitä\. Millä paikkakunnalla olet/);
      const [answer] = await bot.say('Helsingissä', { conversationId: 'ask-fi' });
      expect(answer).toMatch(/^Kyllä, alueellasi on internet-häiriö \(Helsinki, Kallio\)\. Vian syytä selvitetään\. Häiriö alkoi tänään klo 9\.15\./);
      expect(answer).toContain('Korjauksen kestosta ei ole vielä arviota.');
    });

    test('answers in English for "Oulussa"-style places written plainly, with tonight\'s planned work', async () => {
      await bot.say('is there an outage?', { conversationId: 'ask-en' });
      const [answer] = await bot.say('Oulu', { conversationId: 'ask-en' });
      expect(answer).toBe(
        'Yes, there is a mobile network outage in your area (Oulu, Kempele). This is planned maintenance. ' +
          'The maintenance break starts tomorrow at 1:00. It is expected to end tomorrow at 5:00.\n\nFollow updates: https://vastaa.example/hairiot/MOB-2026-1124-03',
      );
    });

    test('finds the outage by postal code', async () => {
      await bot.say('onko häiriöitä', { conversationId: 'postal' });
      const [answer] = await bot.say('33100', { conversationId: 'postal' });
      expect(answer).toMatch(/^Kyllä, alueellasi on sähkökatko \(Tampere, Pirkkala\)/);
    });

    test('says plainly there is no power cut in Turku (its outage is resolved), with power self-help and a person button first', async () => {
      const [message] = await messagesOf(bot, 'sähköt poikki Turussa', 'turku');
      expect(message!.text).toMatch(/^Alueellesi \(Turku\) ei ole ilmoitettu sähkökatkoja juuri nyt\.\n\nKokeile näitä:\n\n- Katso, onko naapureilla sähköt/);
      expect(message!.text).toMatch(/Jos vika jatkuu, valitse "Puhu ihmiselle", niin asiakaspalvelija selvittää sen kanssasi\.$/);
      expect(buttonsOf(message!)[0]).toMatchObject({ title: 'Puhu ihmiselle', value: { intent: 'human_agent' } });
    });

    test('lists every current outage after asking once when the reply names no place', async () => {
      await bot.say('onko häiriöitä', { conversationId: 'unknown-place' });
      const [answer] = await bot.say('en tiiä', { conversationId: 'unknown-place' });
      const items = answer!.split('\n').filter((line) => line.startsWith('- '));
      expect(answer).toMatch(/^En tunnistanut paikkakuntaa, joten tässä kaikki tiedossa olevat häiriöt:/);
      expect(items).toHaveLength(3);
      expect(answer).not.toMatch(/Turku/);
    });

    test('is not waiting for a place any more after answering', async () => {
      await bot.say('onko Tampereella sähkökatko', { conversationId: 'done' });
      const [reply] = await bot.say('kuka voitti jääkiekon maailmanmestaruuden vuonna 1995', { conversationId: 'done' });
      expect(reply).toMatch(/^En ymmärtänyt/);
    });

    test("keeps the place for the agent's summary", async () => {
      await bot.say('onks teil häiriöitä?', { conversationId: 'details' });
      await bot.say('Tampereella, 33100', { conversationId: 'details' });
      expect((await savedConversation(bot, 'details')).vastaa?.details).toEqual({ area: 'Tampere', postalCode: '33100' });
    });
  });

  describe('outages from a live feed (OUTAGE_API_URL)', () => {
    let bot: TestBot;
    beforeAll(async () => {
      bot = await startTestBot({ now: () => MONDAY_MORNING, env: { OUTAGE_API_URL: `${FEED}/v1/outages`, OUTAGE_API_TIMEOUT_MS: '300' } });
    });
    afterAll(async () => bot.stop());

    test('answers from the feed', async () => {
      nock(FEED)
        .get('/v1/outages')
        .reply(200, await feedFixture());
      const [answer] = await bot.say('onks Tampereel sähköt poikki', { conversationId: 'live' });
      expect(answer).toMatch(/^Kyllä, alueellasi on sähkökatko \(Tampere, Pirkkala\)/);
    });

    test('says so plainly when the feed has no outages at all, without asking for the place', async () => {
      nock(FEED).get('/v1/outages').reply(200, { outages: [] });
      const [answer] = await bot.say('is there an outage?', { conversationId: 'live-none' });
      expect(answer).toMatch(/^We don't know of any outages right now\.\n\nTry these:/);
    });

    test('reads the feed again for the answer after asking for the place', async () => {
      nock(FEED)
        .get('/v1/outages')
        .reply(200, await feedFixture());
      await bot.say('onko häiriöitä', { conversationId: 'live-twice' });
      nock(FEED).get('/v1/outages').reply(200, { outages: [] });
      const [answer] = await bot.say('Tampere', { conversationId: 'live-twice' });
      expect(answer).toMatch(/^Alueellesi \(Tampere\) ei ole ilmoitettu häiriöitä/);
    });

    test.each([
      ['a 503', () => nock(FEED).get('/v1/outages').reply(503, 'down'), /answered 503/],
      ['a timeout', () => nock(FEED).get('/v1/outages').delay(700).reply(200, { outages: [] }), /did not answer within 300 ms/],
      [
        'invalid data',
        () =>
          nock(FEED)
            .get('/v1/outages')
            .reply(200, { outages: [{ id: 'x', service: 'gas' }] }),
        /outages\[0\]\.service must be one of/,
      ],
    ])('after %s tells the customer honestly, offers a person and logs the cause once', async (_case, setUp, cause) => {
      setUp();
      const logged = bot.logs.length;
      const [message] = await messagesOf(bot, 'onko Tampereella sähkökatko', `live-fail-${_case}`);
      expect(message!.text).toBe(
        'Valitettavasti en saa häiriötietoja juuri nyt, joten en pysty tarkistamaan alueesi tilannetta. Asiakaspalvelija voi tarkistaa sen puolestasi.',
      );
      expect(buttonsOf(message!)[0]).toMatchObject({ title: 'Puhu ihmiselle', value: { intent: 'human_agent' } });
      const errors = bot.logs.slice(logged).filter((line) => line.includes(' ERROR '));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/outage feed failed/);
      expect(errors[0]).toMatch(cause);
    });
  });
}
