import { featuresOf, type CharGramRange } from './feature-extraction.js';
import type { LanguagePack } from './languages/index.js';
import { foldDiacritics, normaliseText } from './text-normaliser.js';

/** A message as one language pack reads it. */
export interface PackReading {
  /** `pack.tokenise(text)`. */
  readonly tokens: readonly string[];
  /** `pack.stem` of each token. */
  readonly stems: readonly string[];
}

interface Reading extends PackReading {
  foldedStems?: string[];
  /** Feature lists by character n-gram range (`"2-5"`). */
  features?: Map<string, string[]>;
}

/**
 * One customer message for every text analyser of a turn, each step done at most once: the
 * language identifier, the intent model, the learned upset model and the upset phrase matcher all
 * tokenise, stem and (the two models) extract the same features from the same text. Done by each,
 * that was half of the NLU's CPU on a FAQ turn. Made per turn and dropped with it: never a cache
 * across messages, so a repeated text costs what a new one does.
 *
 * @example
 * const message = new AnalysedText('onks teil häiriöitä?');
 * recogniser.recognise(message, 'fi');
 * detectUpset(message, 'fi', lexicon); // tokens and stems reused
 */
export class AnalysedText {
  private normalisedText: string | undefined;
  private readonly readings = new Map<LanguagePack, Reading>();

  constructor(readonly text: string) {}

  /** `normaliseText(text)`. */
  get normalised(): string {
    return (this.normalisedText ??= normaliseText(this.text));
  }

  /** Tokens and stems as `pack` makes them. */
  readingOf(pack: LanguagePack): PackReading {
    return this.reading(pack);
  }

  /** The stems with their diacritics folded ("häiriö" -> "hairio"), as the featurizer uses them. */
  foldedStems(pack: LanguagePack): readonly string[] {
    const reading = this.reading(pack);
    return (reading.foldedStems ??= reading.stems.map(foldDiacritics));
  }

  /** `featuresOf` this text for `pack`: the same list for every model trained with the same n-gram range. */
  features(pack: LanguagePack, range: CharGramRange): readonly string[] {
    const reading = this.reading(pack);
    const key = `${range.charMin}-${range.charMax}`;
    reading.features ??= new Map();
    let features = reading.features.get(key);
    if (!features) reading.features.set(key, (features = featuresOf(reading.tokens, this.foldedStems(pack), range)));
    return features;
  }

  private reading(pack: LanguagePack): Reading {
    let reading = this.readings.get(pack);
    if (!reading) {
      const tokens = pack.tokenise(this.text);
      this.readings.set(pack, (reading = { tokens, stems: tokens.map((token) => pack.stem(token)) }));
    }
    return reading;
  }
}

/** The text itself or its analysis; analysers take either, so a caller with one message need not build one. */
export type TextInput = string | AnalysedText;

export function analysed(input: TextInput): AnalysedText {
  return typeof input === 'string' ? new AnalysedText(input) : input;
}
