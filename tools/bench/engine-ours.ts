import type { Language } from '../../core/index.js';
import { DEFAULT_INTENT_MODEL_OPTIONS, IntentModel, LANGUAGE_PACKS } from '../../core/nlu/index.js';
import type { LabelledRow } from './dataset.js';
import type { Engine, Prediction } from './engine.js';

/** The bot's own engine: the same `IntentModel` the recogniser trains per language, with default options. */
export class OursEngine implements Engine {
  readonly confidenceName = 'in-scope score';
  private model: IntentModel | undefined;

  constructor(private readonly language: Language) {}

  async train(rows: readonly LabelledRow[], validation: readonly LabelledRow[]): Promise<void> {
    this.model = IntentModel.train(rows, LANGUAGE_PACKS[this.language], DEFAULT_INTENT_MODEL_OPTIONS, validation);
  }

  classify(text: string): Prediction {
    if (!this.model) throw new Error('OursEngine.classify(): train first');
    const { ranking, inScope } = this.model.rank(text);
    const best = ranking[0];
    return { intent: best?.intent ?? '', confidence: inScope, alternatives: { 'calibrated probability': best?.score ?? 0 } };
  }
}
