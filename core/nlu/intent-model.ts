import type { TextInput } from './analysed-text.js';
import { DEFAULT_FEATURIZER_OPTIONS, Featurizer, type FeaturizerOptions, type FeaturizerSnapshot } from './featurizer.js';
import type { LanguagePack } from './languages/index.js';
import { DEFAULT_SOFTMAX_OPTIONS, SoftmaxClassifier, softmaxInPlace, type SoftmaxSnapshot, type SoftmaxTrainingOptions } from './softmax-classifier.js';
import { maxSparseDot, type SparseVector } from './sparse-vector.js';
import { stratifiedFolds } from './stratified-folds.js';
import { inScopeScore } from './in-scope-score.js';
import { fitTemperature } from './temperature-calibrator.js';

export interface LabelledText {
  text: string;
  intent: string;
}

export interface IntentModelOptions {
  featurizer: FeaturizerOptions;
  softmax: SoftmaxTrainingOptions;
  /** Folds used to fit the temperature when no held-out set is given; 0 or 1 skips calibration. */
  calibrationFolds: number;
}

export const DEFAULT_INTENT_MODEL_OPTIONS: IntentModelOptions = {
  featurizer: DEFAULT_FEATURIZER_OPTIONS,
  softmax: DEFAULT_SOFTMAX_OPTIONS,
  calibrationFolds: 5,
};

export interface Ranking {
  /** Intents with calibrated probabilities, best first. */
  ranking: { intent: string; score: number }[];
  /** Cosine similarity of the text to the nearest training example of the best intent, 0..1. */
  similarity: number;
  /**
   * How likely the text belongs to any trained intent, 0..1 (see `inScopeScore`): what `npm run bench`
   * thresholds for out-of-scope. The recogniser's verdicts use `ranking` scores and `similarity`.
   */
  inScope: number;
}

export interface IntentModelSnapshot {
  intents: readonly string[];
  featurizer: FeaturizerSnapshot;
  classifier: SoftmaxSnapshot;
  temperature: number;
  examplesByIntent: SparseVector[][];
}

/** One language's classifier: features, softmax weights, temperature and the training vectors for similarity. */
export class IntentModel {
  private constructor(
    readonly intents: readonly string[],
    private readonly featurizer: Featurizer,
    private readonly classifier: SoftmaxClassifier,
    readonly temperature: number,
    private readonly examplesByIntent: SparseVector[][],
  ) {}

  static train(
    samples: readonly LabelledText[],
    pack: LanguagePack,
    options: IntentModelOptions = DEFAULT_INTENT_MODEL_OPTIONS,
    heldOut?: readonly LabelledText[],
  ): IntentModel {
    const intents = [...new Set(samples.map((sample) => sample.intent))].sort();
    const uncalibrated = IntentModel.fit(samples, intents, pack, options, 1);
    let temperature = 1;
    if (heldOut && heldOut.length > 0) {
      const known = heldOut.filter((sample) => intents.includes(sample.intent));
      temperature = fitTemperature(
        known.map((sample) => uncalibrated.logits(sample.text)),
        known.map((sample) => intents.indexOf(sample.intent)),
      );
    } else if (options.calibrationFolds > 1 && samples.length >= options.calibrationFolds * 2) {
      const logits: Float64Array[] = [];
      const labels: number[] = [];
      const folds = stratifiedFolds(
        samples.map((sample) => sample.intent),
        options.calibrationFolds,
      );
      for (const fold of folds) {
        const held = new Set(fold);
        const part = IntentModel.fit(
          samples.filter((_, index) => !held.has(index)),
          intents,
          pack,
          options,
          1,
        );
        for (const index of fold) {
          logits.push(part.logits(samples[index]!.text));
          labels.push(intents.indexOf(samples[index]!.intent));
        }
      }
      temperature = fitTemperature(logits, labels);
    }
    return new IntentModel(intents, uncalibrated.featurizer, uncalibrated.classifier, temperature, uncalibrated.examplesByIntent);
  }

  private static fit(
    samples: readonly LabelledText[],
    intents: readonly string[],
    pack: LanguagePack,
    options: IntentModelOptions,
    temperature: number,
  ): IntentModel {
    const { featurizer, vectors } = Featurizer.fitTransform(
      samples.map((sample) => sample.text),
      pack,
      options.featurizer,
    );
    const labels = samples.map((sample) => intents.indexOf(sample.intent));
    const classifier = SoftmaxClassifier.train(vectors, labels, intents.length, featurizer.dimension, options.softmax);
    const examplesByIntent: SparseVector[][] = intents.map(() => []);
    vectors.forEach((vector, i) => examplesByIntent[labels[i]!]!.push(vector));
    return new IntentModel(intents, featurizer, classifier, temperature, examplesByIntent);
  }

  toSnapshot(): IntentModelSnapshot {
    return {
      intents: this.intents,
      featurizer: this.featurizer.toSnapshot(),
      classifier: this.classifier.toSnapshot(),
      temperature: this.temperature,
      examplesByIntent: this.examplesByIntent,
    };
  }

  static fromSnapshot(snapshot: IntentModelSnapshot, pack: LanguagePack): IntentModel {
    return new IntentModel(
      snapshot.intents,
      Featurizer.fromSnapshot(snapshot.featurizer, pack),
      SoftmaxClassifier.fromSnapshot(snapshot.classifier),
      snapshot.temperature,
      snapshot.examplesByIntent,
    );
  }

  logits(text: TextInput): Float64Array {
    return this.classifier.logits(this.featurizer.transform(text));
  }

  rank(text: TextInput): Ranking {
    const { vector, wordCoverage } = this.featurizer.describe(text);
    const logits = this.classifier.logits(vector);
    const probabilities = softmaxInPlace(logits.slice(), this.temperature);
    const ranking = this.intents.map((intent, i) => ({ intent, score: probabilities[i]! })).sort((a, b) => b.score - a.score);
    const best = this.intents.indexOf(ranking[0]?.intent ?? '');
    const similarity = maxSparseDot(vector, this.examplesByIntent[best] ?? []);
    return { ranking, similarity, inScope: inScopeScore(logits, this.temperature, similarity, wordCoverage) };
  }
}
