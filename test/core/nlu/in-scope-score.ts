import { IntentModel, LANGUAGE_PACKS } from '../../../core/nlu/index.js';
import { inScopeScore } from '../../../core/nlu/in-scope-score.js';
import { manyIntents } from './many-intents.js';

/** Registers this file's tests; ../core-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function nluInScopeScore(): void {
  const samples = [
    ...['where is my order', 'has my order shipped', 'my package has not arrived', 'track my parcel', 'when will my order come'].map((text) => ({
      text,
      intent: 'order_status',
    })),
    ...['my invoice is wrong', 'i was charged twice', 'question about my bill', 'the invoice amount is too high', 'why is my bill so big'].map((text) => ({
      text,
      intent: 'billing',
    })),
    ...['are you open on sunday', 'what are your opening hours', 'when do you close today', 'opening times please', 'is the store open now'].map((text) => ({
      text,
      intent: 'opening_hours',
    })),
  ];

  describe('in-scope score', () => {
    const model = IntentModel.train(samples, LANGUAGE_PACKS.en);

    test('an unrelated question scores below a new phrasing of a trained intent', () => {
      expect(model.rank('who won the football world cup in 1998').inScope).toBeLessThan(model.rank('my order has not shipped yet').inScope);
    });

    test('words never seen in training lower the score', () => {
      const logits = Float64Array.from([3, 1, 0]);
      expect(inScopeScore(logits, 1, 0.8, 0.5)).toBeLessThan(inScopeScore(logits, 1, 0.8, 1));
    });

    test('stays between 0 and 1', () => {
      for (const text of ['where is my order', 'zzz qqq', '', '!!!']) {
        const { inScope } = model.rank(text);
        expect(inScope).toBeGreaterThanOrEqual(0);
        expect(inScope).toBeLessThanOrEqual(1);
      }
    });

    test('training twice on the same data gives the same ranking and in-scope score with many intents', () => {
      const many = manyIntents();
      const a = IntentModel.train(many, LANGUAGE_PACKS.en).rank('please zorb0x melb0x');
      const b = IntentModel.train(many, LANGUAGE_PACKS.en).rank('please zorb0x melb0x');
      expect(b).toEqual(a);
    });
  });
}
