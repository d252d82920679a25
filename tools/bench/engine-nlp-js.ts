import { createRequire } from 'node:module';
import type { Language } from '../../core/index.js';
import { OOS_LABEL, type LabelledRow } from './dataset.js';
import type { Engine, Prediction } from './engine.js';

interface NlpManager {
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<void>;
  process(locale: string, utterance: string): Promise<{ intent: string; classifications: { intent: string; score: number }[] }>;
}

/**
 * NLP.js (`node-nlp` NlpManager) with its defaults. `process` is what an NLP.js bot calls per message.
 * Its own rejection (intent 'None' when the best score is under 0.5) counts as out of scope, as it
 * would in an NLP.js bot; the threshold chosen on validation data can only reject more on top.
 */
export class NlpJsEngine implements Engine {
  readonly confidenceName = 'NLP.js score';
  private readonly manager: NlpManager;

  constructor(private readonly language: Language) {
    const require = createRequire(import.meta.url);
    const { NlpManager: Manager } = require('node-nlp') as { NlpManager: new (settings: object) => NlpManager };
    // autoSave off: otherwise training writes model.nlp into the working directory.
    this.manager = new Manager({ languages: [language], nlu: { log: false }, autoSave: false, autoLoad: false });
  }

  async train(rows: readonly LabelledRow[]): Promise<void> {
    for (const row of rows) this.manager.addDocument(this.language, row.text, row.intent);
    await this.manager.train();
  }

  async classify(text: string): Promise<Prediction> {
    const { intent, classifications } = await this.manager.process(this.language, text);
    const best = classifications.find((entry) => entry.intent !== 'None');
    return { intent: intent === 'None' ? OOS_LABEL : (best?.intent ?? ''), confidence: best?.score ?? 0 };
  }
}
