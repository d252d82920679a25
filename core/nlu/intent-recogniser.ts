import { LANGUAGES, type Language } from '../languages.js';
import { OUT_OF_SCOPE_INTENT } from '../reserved-intents.js';
import { analysed, type TextInput } from './analysed-text.js';
import { DEFAULT_INTENT_MODEL_OPTIONS, IntentModel, type IntentModelOptions, type IntentModelSnapshot, type LabelledText } from './intent-model.js';
import { LanguageIdentifier, type LanguageIdentifierSnapshot } from './language-identifier.js';
import { LANGUAGE_PACKS } from './languages/index.js';

export interface DecisionThresholds {
  /** Below this calibrated probability the result is "no intent". */
  confidenceThreshold: number;
  /** When the best two intents are closer than this, the result is "no intent" and says which two. */
  ambiguityMargin: number;
  /** Below this similarity to the nearest training example the text is unfamiliar: "no intent". */
  minSimilarity: number;
}

export const DEFAULT_THRESHOLDS: DecisionThresholds = { confidenceThreshold: 0.5, ambiguityMargin: 0.1, minSimilarity: 0.2 };

export const VERDICTS = ['confident', 'low_confidence', 'ambiguous', 'unfamiliar', 'out_of_scope'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface NluResult {
  /** The recognised intent, or null when nothing is confident ("no intent" is a first-class result). */
  intent: string | null;
  /** Calibrated probability of the best intent, 0..1. */
  score: number;
  language: Language;
  languageConfidence: number;
  ranking: { intent: string; score: number }[];
  verdict: Verdict;
  similarity: number;
}

export interface RecogniserSnapshot {
  identifier: LanguageIdentifierSnapshot;
  models: Partial<Record<Language, IntentModelSnapshot>>;
}

export type TrainingSet = Partial<Record<Language, LabelledText[]>>;

/**
 * The NLU as the bot and the CLI use it: guesses the language, then ranks that language's intents.
 *
 * @example
 * const nlu = IntentRecogniser.train({ fi: [...], en: [...] });
 * nlu.recognise('onks teil häiriöitä?')  // { intent: 'outage', language: 'fi', score: 0.93, ... }
 */
export class IntentRecogniser {
  private constructor(
    private readonly identifier: LanguageIdentifier,
    private readonly models: Partial<Record<Language, IntentModel>>,
    readonly thresholds: DecisionThresholds,
  ) {}

  static train(
    trainingSet: TrainingSet,
    thresholds: DecisionThresholds = DEFAULT_THRESHOLDS,
    options: IntentModelOptions = DEFAULT_INTENT_MODEL_OPTIONS,
  ): IntentRecogniser {
    const models: Partial<Record<Language, IntentModel>> = {};
    const samples: Partial<Record<Language, string[]>> = {};
    for (const language of LANGUAGES) {
      const texts = trainingSet[language] ?? [];
      if (texts.length === 0) continue;
      models[language] = IntentModel.train(texts, LANGUAGE_PACKS[language], options);
      samples[language] = texts.map((sample) => sample.text);
    }
    const packs = LANGUAGES.filter((language) => models[language]).map((language) => LANGUAGE_PACKS[language]);
    return new IntentRecogniser(LanguageIdentifier.train(samples, packs), models, thresholds);
  }

  /** The trained parts as plain data, for `TrainedModelCache`; thresholds are not part of it. */
  toSnapshot(): RecogniserSnapshot {
    const models: RecogniserSnapshot['models'] = {};
    for (const language of this.languages) models[language] = this.models[language]!.toSnapshot();
    return { identifier: this.identifier.toSnapshot(), models };
  }

  static fromSnapshot(snapshot: RecogniserSnapshot, thresholds: DecisionThresholds = DEFAULT_THRESHOLDS): IntentRecogniser {
    const models: Partial<Record<Language, IntentModel>> = {};
    for (const language of LANGUAGES) {
      const model = snapshot.models[language];
      if (model) models[language] = IntentModel.fromSnapshot(model, LANGUAGE_PACKS[language]);
    }
    return new IntentRecogniser(LanguageIdentifier.fromSnapshot(snapshot.identifier, LANGUAGE_PACKS), models, thresholds);
  }

  get languages(): Language[] {
    return LANGUAGES.filter((language) => this.models[language]);
  }

  /**
   * `languageHint`: the conversation's language so far, or the channel locale; used when the text alone
   * is not decisive. Given an `AnalysedText`, the steps it has done are not done again (and the upset
   * model of the turn reuses what this one did).
   */
  recognise(text: TextInput, languageHint?: Language): NluResult {
    const message = analysed(text);
    const guess = this.identifier.identify(message, languageHint);
    return { ...this.recogniseIn(message, guess.language), languageConfidence: guess.confidence };
  }

  /** Ranks the text with one language's model, skipping language identification. */
  recogniseIn(text: TextInput, language: Language): NluResult {
    const model = this.models[language];
    if (!model) throw new Error(`IntentRecogniser.recogniseIn(): no intents were trained for language '${language}'`);
    const { ranking, similarity } = model.rank(text);
    const best = ranking[0];
    const inScope = ranking.filter((ranked) => ranked.intent !== OUT_OF_SCOPE_INTENT);
    const second = inScope[0] === best ? inScope[1] : undefined;
    const score = best?.score ?? 0;
    let verdict: Verdict = 'confident';
    if (!best || similarity < this.thresholds.minSimilarity) verdict = 'unfamiliar';
    else if (best.intent === OUT_OF_SCOPE_INTENT) verdict = 'out_of_scope';
    else if (second && score - second.score < this.thresholds.ambiguityMargin && score >= this.thresholds.confidenceThreshold / 2) verdict = 'ambiguous';
    else if (score < this.thresholds.confidenceThreshold) verdict = 'low_confidence';
    return {
      intent: verdict === 'confident' ? best!.intent : null,
      score,
      language,
      languageConfidence: 1,
      ranking: inScope,
      verdict,
      similarity,
    };
  }
}
