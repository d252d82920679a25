import { startTestBot, type TestBot } from '../../support/test-bot.js';

/** Registers this file's tests; test/dialogs/conversations-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function openingHoursOpeningHours(): void {
  // Monday 23 November 2026, 20:30 in Helsinki (UTC+2): every channel has closed for the day.
  const MONDAY_EVENING = new Date('2026-11-23T18:30:00Z');

  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ now: () => MONDAY_EVENING });
  });
  afterAll(async () => bot.stop());

  describe('opening hours through the bot', () => {
    test('answers "Mitkä ovat aukioloaikanne?" in Finnish with every channel as a list', async () => {
      const [answer] = await bot.say('Mitkä ovat aukioloaikanne?', { conversationId: 'hours-fi' });
      expect(answer).toMatch(/\n- /);
      expect(answer).toContain('klo 8');
    });

    test('says when chat opens tomorrow when asked in the evening', async () => {
      const [answer] = await bot.say('onks chat auki nyt?', { conversationId: 'hours-chat' });
      expect(answer).toMatch(/huomenna klo 8/);
      expect(answer).not.toMatch(/\n- /);
    });

    test('answers for the day asked, in English', async () => {
      const [answer] = await bot.say('is the store open on sunday', { conversationId: 'hours-en' });
      expect(answer).toMatch(/Sunday/);
      expect(answer).toMatch(/closed/i);
    });

    test('knows midsummer eve from "juhannuksena"', async () => {
      const [answer] = await bot.say('ootteks te auki juhannuksena?', { conversationId: 'hours-midsummer' });
      expect(answer).toMatch(/^Juhannusaattona/);
    });
  });
}
