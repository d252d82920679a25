import { mockExternalApis } from '../../support/external-apis.js';
import { startTestBot, type TestBot } from '../../support/test-bot.js';

/** Registers this file's tests; test/dialogs/orders-and-outages-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function outageOutageFitsQuestion(): void {
  // Monday 23 November 2026, 10:00 in Helsinki (demo/outages.json): a power cut in Tampere and Pirkkala,
  // an internet fault in Helsinki and Kallio, mobile maintenance in Oulu tonight; nothing in Espoo.
  const MONDAY_MORNING = new Date('2026-11-23T08:00:00Z');

  mockExternalApis();

  describe('the outage answer fits the service the customer asks about', () => {
    let bot: TestBot;
    beforeAll(async () => {
      bot = await startTestBot({ now: () => MONDAY_MORNING });
    });
    afterAll(async () => bot.stop());

    test('answers a Finnish power-cut question about Helsinki with "no power cut", names the internet fault there and gives power self-help', async () => {
      const [answer] = await bot.say('onko Helsingissä sähkökatkoa', { conversationId: 'power-helsinki-fi' });
      expect(answer).toMatch(
        /^Alueellesi \(Helsinki\) ei ole ilmoitettu sähkökatkoja juuri nyt\. Alueellasi on kuitenkin toinen häiriö: internet-häiriö \(Helsinki, Kallio\)\./,
      );
      expect(answer).not.toMatch(/^Kyllä/);
      expect(answer).toContain('- Tarkista sulakkeet ja vikavirtasuoja sähkökeskuksesta.');
      expect(answer).not.toMatch(/modeemi|reititin/);
    });

    test('answers an English power question about Espoo with power self-help, not "restart your modem"', async () => {
      const [answer] = await bot.say('no power at home in Espoo', { conversationId: 'power-espoo-en' });
      expect(answer).toMatch(
        /^There are no reported power outages in your area \(Espoo\) right now\.\n\nTry these:\n\n- Check whether your neighbours have power\./,
      );
      expect(answer).toContain('- Check the fuses and the residual current device in your fuse box.');
      expect(answer).not.toMatch(/modem|router/);
    });

    test('answers an English power question about Helsinki without saying yes to the internet fault', async () => {
      const [answer] = await bot.say('is there a power cut in Helsinki?', { conversationId: 'power-helsinki-en' });
      expect(answer).toMatch(/^There are no reported power outages in your area \(Helsinki\) right now\. Your area does have another outage: internet outage/);
    });

    test('still says yes to a power question where the power is out', async () => {
      const [answer] = await bot.say('onko Tampereella sähkökatko', { conversationId: 'power-tampere-fi' });
      expect(answer).toMatch(/^Kyllä, alueellasi on sähkökatko \(Tampere, Pirkkala\)\./);
    });

    test('tells a Finnish customer without internet in Tampere that the power cut there explains it', async () => {
      const [answer] = await bot.say('netti ei toimi Tampereella', { conversationId: 'internet-tampere-fi' });
      expect(answer).toMatch(
        /^Alueellasi on sähkökatko \(Tampere, Pirkkala\)\. Se selittää myös netin katkon, koska modeemi ja reititin eivät toimi ilman sähköä\. Korjaus on käynnissä\./,
      );
      expect(answer).toContain('Seuraa tilannetta: https://vastaa.example/hairiot/EL-2026-1123-01');
      expect(answer).not.toMatch(/Käynnistä modeemi/);
    });

    test('tells an English customer without internet in Tampere that the power cut there explains it', async () => {
      const [answer] = await bot.say('my internet is not working in Tampere', { conversationId: 'internet-tampere-en' });
      expect(answer).toMatch(
        /^There is a power cut in your area \(Tampere, Pirkkala\)\. It explains the internet outage too: your modem and router need power to work\. Repairs are under way\./,
      );
    });

    test('answers an internet question where the internet is out as before', async () => {
      const [answer] = await bot.say('netti ei toimi Helsingissä', { conversationId: 'internet-helsinki-fi' });
      expect(answer).toMatch(/^Kyllä, alueellasi on internet-häiriö \(Helsinki, Kallio\)\./);
    });

    test('keeps the service asked about while asking for the place: a power question answered for Helsinki is about power', async () => {
      const [question] = await bot.say('onko sähkökatkoja?', { conversationId: 'power-ask-fi' });
      expect(question).toMatch(/Millä paikkakunnalla olet/);
      const [answer] = await bot.say('Helsinki', { conversationId: 'power-ask-fi' });
      expect(answer).toMatch(/^Alueellesi \(Helsinki\) ei ole ilmoitettu sähkökatkoja juuri nyt\./);
      expect(answer).not.toMatch(/modeemi/);
    });

    test('keeps the service asked about while asking for the place, in English too', async () => {
      await bot.say('is there a power outage?', { conversationId: 'power-ask-en' });
      const [answer] = await bot.say('Espoo', { conversationId: 'power-ask-en' });
      expect(answer).toMatch(/^There are no reported power outages in your area \(Espoo\) right now\./);
    });

    test('gives TV self-help for a TV question where nothing is known', async () => {
      await bot.say('tv ei näy, onko häiriöitä?', { conversationId: 'tv-fi' });
      const [answer] = await bot.say('Espoo', { conversationId: 'tv-fi' });
      expect(answer).toMatch(
        /^Alueellesi \(Espoo\) ei ole ilmoitettu tv-häiriöitä juuri nyt\.\n\nKokeile näitä:\n\n- Käynnistä televisio ja digiboksi uudelleen\./,
      );
    });
  });
}
