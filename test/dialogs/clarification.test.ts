import type { Activity } from 'botbuilder';
import { startTestBot, type TestBot } from '../support/test-bot.js';

const MONDAY_MORNING = new Date('2026-11-23T08:00:00Z');

let bot: TestBot;
let conversation = 0;

beforeAll(async () => {
  bot = await startTestBot({ now: () => MONDAY_MORNING });
});
afterAll(async () => bot.stop());

const send = (text: string, locale: string) => bot.send(text, { conversationId: `clarify-${++conversation}`, locale, from: { id: `user-${conversation}` } });
const buttonTitles = (activity: Partial<Activity>) => activity.suggestedActions?.actions.map((action) => action.title) ?? [];

describe('a clarification names its options in the text, not only in the buttons', () => {
  test.each([
    // Both close to two intents in the shipped content: the NLU verdict is "ambiguous".
    [
      'fi-FI',
      'ohjeita kiitos',
      'Tarkoititko aihetta "Mitä osaan" vai "Kiitos"? Valitse alta tai kirjoita kysymyksesi toisin sanoin.',
      ['Mitä osaan', 'Kiitos'],
    ],
    ['en-US', 'Goodbye and thanks!', 'Did you mean "Thanks" or "Goodbye"? Pick one below, or put your question in other words.', ['Thanks', 'Goodbye']],
  ])('asks which of two topics with both named (%s)', async (locale, text, question, titles) => {
    const [reply] = (await send(text, locale)).filter((activity) => activity.type === 'message');
    expect(reply!.text).toBe(question);
    expect(buttonTitles(reply!)).toEqual(titles);
  });
});
