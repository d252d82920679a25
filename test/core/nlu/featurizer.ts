import { Featurizer } from '../../../core/nlu/featurizer.js';
import { LANGUAGE_PACKS } from '../../../core/nlu/index.js';

/** Registers this file's tests; ../core-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function nluFeaturizer(): void {
  const texts = ['where is my order', 'my invoice is wrong', 'are you open on sunday', 'missä on tilaukseni'];

  describe('featurizer', () => {
    test('gives a training text the same vector when fitting as when transforming it later', () => {
      const { featurizer, vectors } = Featurizer.fitTransform(texts, LANGUAGE_PACKS.en);
      texts.forEach((text, i) => expect(featurizer.transform(text)).toEqual(vectors[i]));
    });

    test('vectors have unit length and ascending feature indices', () => {
      const { vectors } = Featurizer.fitTransform(texts, LANGUAGE_PACKS.en);
      for (const vector of vectors) {
        expect(vector.values.reduce((sum, value) => sum + value * value, 0)).toBeCloseTo(1, 5);
        expect(Array.from(vector.indices)).toEqual(Array.from(vector.indices).sort((a, b) => a - b));
      }
    });

    test('word coverage is the share of words seen in training', () => {
      const { featurizer } = Featurizer.fitTransform(texts, LANGUAGE_PACKS.en);
      expect(featurizer.describe('where is my invoice').wordCoverage).toBe(1);
      expect(featurizer.describe('where is my bicycle').wordCoverage).toBe(0.75);
      expect(featurizer.describe('').wordCoverage).toBe(1);
    });
  });
}
