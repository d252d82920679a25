import { DEFAULT_SOFTMAX_OPTIONS, SoftmaxClassifier } from '../../../core/nlu/softmax-classifier.js';
import { Featurizer } from '../../../core/nlu/featurizer.js';
import { LANGUAGE_PACKS } from '../../../core/nlu/index.js';
import { manyIntents } from './many-intents.js';

/** Registers this file's tests; ../core-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function nluSoftmaxClassifier(): void {
  const samples = manyIntents();
  const intents = [...new Set(samples.map((sample) => sample.intent))].sort();
  const { featurizer, vectors } = Featurizer.fitTransform(
    samples.map((sample) => sample.text),
    LANGUAGE_PACKS.en,
  );
  const labels = samples.map((sample) => intents.indexOf(sample.intent));
  const argmax = (values: Float64Array) => values.indexOf(Math.max(...values));

  describe('softmax classifier', () => {
    test('training twice on the same data gives the same scores, candidate passes included', () => {
      const a = SoftmaxClassifier.train(vectors, labels, intents.length, featurizer.dimension);
      const b = SoftmaxClassifier.train(vectors, labels, intents.length, featurizer.dimension);
      expect(Array.from(a.logits(vectors[5]!))).toEqual(Array.from(b.logits(vectors[5]!)));
    });

    test('learns 40 intents while scoring only candidate intents between full passes', () => {
      const model = SoftmaxClassifier.train(vectors, labels, intents.length, featurizer.dimension);
      const correct = vectors.filter((vector, i) => argmax(model.logits(vector)) === labels[i]).length;
      expect(correct / vectors.length).toBeGreaterThan(0.97);
    });

    test('candidate passes reach the accuracy of full passes on unseen texts', () => {
      const unseen = manyIntents(40, 6, 99);
      const accuracy = (fullPassEvery: number) => {
        const model = SoftmaxClassifier.train(vectors, labels, intents.length, featurizer.dimension, { ...DEFAULT_SOFTMAX_OPTIONS, fullPassEvery });
        return unseen.filter((sample) => intents[argmax(model.logits(featurizer.transform(sample.text)))] === sample.intent).length / unseen.length;
      };
      expect(accuracy(DEFAULT_SOFTMAX_OPTIONS.fullPassEvery ?? 1)).toBeGreaterThanOrEqual(accuracy(1) - 0.02);
    });
  });
}
