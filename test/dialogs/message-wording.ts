import { mockExternalApis } from '../support/external-apis.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';

/** Registers this file's tests; test/dialogs/conversations-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function messageWording(): void {
  // Monday 23 November 2026, 10:00 in Helsinki: the Helsinki internet fault (demo/outages.json) is being investigated.
  const MONDAY_MORNING = new Date('2026-11-23T08:00:00Z');

  mockExternalApis();

  describe('values put into messages read as the language writes them', () => {
    let bot: TestBot;
    beforeAll(async () => {
      bot = await startTestBot({ now: () => MONDAY_MORNING });
    });
    afterAll(async () => bot.stop());

    test.each([
      ['en', 'is there an internet outage in Helsinki?', 'Yes, there is an internet outage in your area (Helsinki, Kallio).'],
      ['fi', 'onko Helsingissä nettihäiriö?', 'Kyllä, alueellasi on internet-häiriö (Helsinki, Kallio).'],
    ])('writes the article a service name needs (%s)', async (language, question, opening) => {
      const [answer] = await bot.say(question, { conversationId: `article-${language}` });
      expect(answer?.startsWith(opening)).toBe(true);
    });

    test('keeps "a" before a name that starts with a consonant (en)', async () => {
      const [answer] = await bot.say('is there a power cut in Tampere?', { conversationId: 'article-power' });
      expect(answer?.startsWith('Yes, there is a power outage in your area (Tampere, Pirkkala).')).toBe(true);
    });
  });
}
