import { loadIntents, trainingSetFrom } from '../../../core/content/index.js';
import { IntentRecogniser } from '../../../core/nlu/index.js';
import { stemFinnish } from '../../../core/nlu/languages/finnish-stemmer.js';
import { PROJECT_ROOT } from '../../support/test-bot.js';

/** Registers this file's tests; ../core-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function nluRecognition(): void {
  let nlu: IntentRecogniser;
  beforeAll(async () => {
    nlu = IntentRecogniser.train(trainingSetFrom((await loadIntents(PROJECT_ROOT)).intents));
  });

  // Phrasings written for this test, in neither the examples nor the tests: of the intent files.
  const UNSEEN: [string, 'fi' | 'en', string][] = [
    ['greeting', 'fi', 'moikka vaan'],
    ['greeting', 'en', 'hello again'],
    ['thanks', 'fi', 'kiitoksia tosi paljon avusta'],
    ['thanks', 'en', 'thanks a lot for that'],
    ['goodbye', 'fi', 'no niin, heippa sitten'],
    ['goodbye', 'en', 'bye for now'],
    ['outage', 'fi', 'onks teil joku häiriö päällä, netti ei toimi ollenkaan'],
    ['outage', 'fi', 'Onko alueellanne sähkökatkoa tällä hetkellä?'],
    ['outage', 'en', 'is there a network outage near me right now'],
    ['opening_hours', 'fi', 'millon te ootte huomenna auki'],
    ['opening_hours', 'en', 'what time do you open on saturday'],
    ['order_status', 'fi', 'mä en oo vieläkään saanu mun pakettia'],
    ['order_status', 'en', 'my package still has not arrived, where is it'],
    ['billing', 'fi', 'laskussani on ihan väärä summa'],
    ['billing', 'en', 'why was I charged twice on my invoice'],
    ['human_agent', 'fi', 'voinko jutella oikean ihmisen kanssa'],
    ['human_agent', 'en', 'let me talk to a real person please'],
    ['help', 'fi', 'mihin kaikkeen sä pystyt auttamaan'],
    ['help', 'en', 'what sort of things can you help me with'],
    ['complaint', 'fi', 'haluan reklamoida rikkinäisestä tuotteesta'],
    ['complaint', 'en', 'I want to file a complaint about a broken product'],
    ['cancel', 'fi', 'antaa olla, ei se mitään'],
    ['cancel', 'en', 'never mind, forget it'],
  ];

  describe('intent recognition', () => {
    test.each(UNSEEN)('recognises %s in %s from "%s"', (intent, language, text) => {
      const result = nlu.recognise(text);
      expect({ intent: result.intent, language: result.language }).toEqual({ intent, language });
      expect(result.score).toBeGreaterThanOrEqual(0.5);
    });

    test.each([
      ['what is the capital of France'],
      ['kuka voitti jääkiekon maailmanmestaruuden vuonna 1995'],
      ['recommend me a good pizza recipe'],
      ['mikä on elämän tarkoitus'],
    ])('has no intent for the unrelated question "%s"', (text) => {
      const result = nlu.recognise(text);
      expect(result.intent).toBeNull();
      expect(result.verdict).not.toBe('confident');
    });

    test('returns calibrated confidences between 0 and 1 that sum to at most 1', () => {
      const { ranking } = nlu.recognise('where is my order');
      const total = ranking.reduce((sum, ranked) => sum + ranked.score, 0);
      expect(ranking.every((ranked) => ranked.score >= 0 && ranked.score <= 1)).toBe(true);
      expect(total).toBeLessThanOrEqual(1.000001);
    });

    test('gives the same ranking when trained twice on the same data', async () => {
      const again = IntentRecogniser.train(trainingSetFrom((await loadIntents(PROJECT_ROOT)).intents));
      expect(again.recognise('lasku on liian iso').ranking).toEqual(nlu.recognise('lasku on liian iso').ranking);
    });
  });

  describe('language identification', () => {
    test.each([
      ['onks teil häiriöitä', 'fi'],
      ['millon ootte auki', 'fi'],
      ['mä en saa mun pakettia', 'fi'],
      ['Haluaisin tietää laskuni eräpäivän', 'fi'],
      ['are you open on sunday', 'en'],
      ['my invoice looks wrong', 'en'],
      ['hello', 'en'],
      ['kiitos', 'fi'],
    ])('"%s" is %s', (text, language) => {
      expect(nlu.recognise(text).language).toBe(language);
    });

    test('a short message keeps the conversation language', () => {
      expect(nlu.recognise('ok', 'fi').language).toBe('fi');
      expect(nlu.recognise('ok', 'en').language).toBe('en');
    });

    test.each(['terve', 'Terve!', 'moro', 'päivää', 'moi moi', 'heippa', 'hyvää päivää'])(
      'the Finnish greeting "%s" is Finnish, even in an English conversation',
      (text) => {
        expect(nlu.recognise(text).language).toBe('fi');
        expect(nlu.recognise(text, 'en').language).toBe('fi');
      },
    );

    test('an English greeting in a Finnish conversation is English', () => {
      expect(nlu.recognise('hi', 'fi').language).toBe('en');
      expect(nlu.recognise('good morning', 'fi').language).toBe('en');
    });

    test('a message without letters ("33100", "123 456") keeps the conversation language', () => {
      for (const hint of ['fi', 'en'] as const) {
        expect(nlu.recognise('33100', hint).language).toBe(hint);
        expect(nlu.recognise('123 456', hint).language).toBe(hint);
      }
    });
  });

  describe('Finnish stemming', () => {
    test('inflected forms of one word meet', () => {
      expect(new Set(['laskussani', 'laskuni', 'laskusta', 'laskut', 'laskulle'].map(stemFinnish))).toEqual(new Set(['lasku']));
    });
  });
}
