import type { Activity } from 'botbuilder';
import { useSuiteBot } from '../support/suite-bot.js';

/** Registers this file's tests; test/dialogs/conversations-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function clarification(): void {
  const suite = useSuiteBot();
  let conversation = 0;

  const send = (text: string, locale: string) =>
    suite.bot.send(text, { conversationId: `clarify-${++conversation}`, locale, from: { id: `user-${conversation}` } });
  const buttonTitles = (activity: Partial<Activity>) => activity.suggestedActions?.actions.map((action) => action.title) ?? [];

  describe('a clarification names its options in the text, not only in the buttons', () => {
    test.each([
      // Both close to two intents in the shipped content: the NLU verdict is "ambiguous".
      [
        'fi-FI',
        'ohjeita kiitos',
        // The options in the NLU's ranking order (thanks came first once the not_helpful intent changed the calibration).
        'Tarkoititko aihetta "Kiitos" vai "Mitä osaan"? Valitse alta tai kirjoita kysymyksesi toisin sanoin.',
        ['Kiitos', 'Mitä osaan'],
      ],
      ['en-US', 'Goodbye and thanks!', 'Did you mean "Thanks" or "Goodbye"? Pick one below, or put your question in other words.', ['Thanks', 'Goodbye']],
    ])('asks which of two topics with both named (%s)', async (locale, text, question, titles) => {
      const [reply] = (await send(text, locale)).filter((activity) => activity.type === 'message');
      expect(reply!.text).toBe(question);
      expect(buttonTitles(reply!)).toEqual(titles);
    });
  });
}
