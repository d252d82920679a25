import { loadIntents } from '../../core/content/index.js';
import { PROJECT_ROOT, startTestBot, type TestBot } from '../support/test-bot.js';

/** Registers this file's tests; ./app-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function plainAnswers(): void {
  let bot: TestBot;
  const answersOf = async (name: string, language: 'fi' | 'en') =>
    (await loadIntents(PROJECT_ROOT)).intents.find((intent) => intent.name === name)!.answers[language];

  beforeAll(async () => {
    // API_MESSAGES=open: the trace tests compare the Emulator with a customer channel (webchat).
    bot = await startTestBot({ env: { API_MESSAGES: 'open' } });
  });
  afterAll(async () => bot.stop());

  describe('plain answers', () => {
    test('a Finnish greeting gets a Finnish reply', async () => {
      const [reply] = await bot.say('moikka!', { conversationId: 'greet-fi' });
      expect(await answersOf('greeting', 'fi')).toContain(reply);
    });

    test('an English greeting gets an English reply', async () => {
      const [reply] = await bot.say('hello there', { conversationId: 'greet-en' });
      expect(await answersOf('greeting', 'en')).toContain(reply);
    });

    test('offers the intent follow-ups as suggested actions', async () => {
      const activities = await bot.send('mitä kaikkea sä osaat?', { conversationId: 'help-fi' });
      const message = activities.find((activity) => activity.type === 'message')!;
      expect(await answersOf('help', 'fi')).toContain(message.text);
      expect(message.suggestedActions?.actions.map((action) => action.title)).toEqual(expect.arrayContaining(['Puhu ihmiselle']));
    });

    test('says plainly it did not understand and offers the main topics as buttons', async () => {
      const activities = await bot.send('kuka voitti jääkiekon maailmanmestaruuden vuonna 1995', { conversationId: 'oos-fi' });
      const message = activities.find((activity) => activity.type === 'message')!;
      expect(message.text).toMatch(/^En ymmärtänyt/);
      expect(message.suggestedActions?.actions.map((action) => action.title)).toEqual(['Häiriöt', 'Aukioloajat', 'Tilauksen tila', 'Puhu ihmiselle']);
    });

    test('a topic button starts its intent without guessing', async () => {
      const [reply] = await bot.say('Tilauksen tila', { conversationId: 'button', value: { intent: 'order_status' } });
      expect(reply).toMatch(/Mikä on tilausnumerosi\?/);
    });

    test('keeps the conversation language for a short reply such as "ok"', async () => {
      await bot.say('hei, mitä kuuluu', { conversationId: 'lang-keep' });
      const activities = await bot.send('ok', { conversationId: 'lang-keep', channelId: 'emulator', includeTraces: true });
      expect(activities.find((activity) => activity.type === 'trace')?.value.language).toBe('fi');
    });
  });

  describe('NLU trace', () => {
    test('goes to the Emulator with the intent, score, language and ranking', async () => {
      const activities = await bot.send('where is my parcel', { channelId: 'emulator', conversationId: 'trace-1', includeTraces: true });
      const trace = activities.find((activity) => activity.type === 'trace');
      expect(trace?.name).toBe('nlu');
      expect(trace?.value).toMatchObject({ intent: 'order_status', language: 'en' });
      expect(trace?.value.score).toBeGreaterThan(0.5);
      expect(trace?.value.ranking[0].intent).toBe('order_status');
    });

    test('is not sent to customer channels', async () => {
      const activities = await bot.send('where is my parcel', { channelId: 'webchat', conversationId: 'trace-2', includeTraces: true });
      expect(activities.some((activity) => activity.type === 'trace')).toBe(false);
    });

    test('reports no intent as null', async () => {
      const activities = await bot.send('what is the capital of France', { channelId: 'emulator', conversationId: 'trace-3', includeTraces: true });
      expect(activities.find((activity) => activity.type === 'trace')?.value.intent).toBeNull();
    });
  });
}
