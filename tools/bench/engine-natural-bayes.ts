import { createRequire } from 'node:module';
import type { LabelledRow } from './dataset.js';
import type { Engine, Prediction } from './engine.js';

interface BayesClassifier {
  addDocument(text: string, label: string): void;
  train(): void;
  getClassifications(text: string): { label: string; value: number }[];
}

/**
 * natural's BayesClassifier with its default pipeline (Porter stemmer, word presence features).
 * Its scores are P(class) x P(words | class), unnormalised; the confidence is the best one's share of their sum.
 */
export class NaturalBayesEngine implements Engine {
  readonly confidenceName = 'share of the scores';
  private readonly classifier: BayesClassifier;

  constructor() {
    // natural's index loads dotenv, which prints a tip to stdout; the classifier file alone does not need it.
    process.env.DOTENV_CONFIG_QUIET = 'true';
    const require = createRequire(import.meta.url);
    const Classifier = require('natural/lib/natural/classifiers/bayes_classifier.js') as new () => BayesClassifier;
    this.classifier = new Classifier();
  }

  async train(rows: readonly LabelledRow[]): Promise<void> {
    for (const row of rows) this.classifier.addDocument(row.text, row.intent);
    this.classifier.train();
  }

  classify(text: string): Prediction {
    const classifications = this.classifier.getClassifications(text);
    const total = classifications.reduce((sum, entry) => sum + entry.value, 0);
    const best = classifications[0];
    return { intent: best?.label ?? '', confidence: best && total > 0 ? best.value / total : 0 };
  }
}
