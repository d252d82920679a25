import type { LanguagePack } from './languages/index.js';
import { sparseFromMap, type SparseVector } from './sparse-vector.js';
import { foldDiacritics } from './text-normaliser.js';

export interface FeaturizerOptions {
  /** Weight of the stemmed-word block. */
  wordWeight: number;
  /** Weight of the stemmed word-pair block. */
  pairWeight: number;
  /** Weight of the character n-gram block (n from charMin to charMax, across word boundaries). */
  charWeight: number;
  charMin: number;
  charMax: number;
  /** Features seen in fewer training texts than this are dropped (keeps large data sets small). */
  minDocumentCount: number;
}

export const DEFAULT_FEATURIZER_OPTIONS: FeaturizerOptions = {
  wordWeight: 1,
  pairWeight: 0.5,
  charWeight: 1,
  charMin: 2,
  charMax: 5,
  minDocumentCount: 1,
};

type Block = 'w' | 'p' | 'c';

/**
 * Turns a message into TF-IDF features: stemmed words, stemmed word pairs and character n-grams of
 * the diacritic-folded text. Words carry meaning; character n-grams carry Finnish inflection,
 * compounds and typos. Each block is normalised on its own, weighted, then the whole vector is.
 */
export class Featurizer {
  private constructor(
    private readonly pack: LanguagePack,
    private readonly options: FeaturizerOptions,
    private readonly vocabulary: Map<string, number>,
    private readonly idf: Float32Array,
  ) {}

  get dimension(): number {
    return this.idf.length;
  }

  static fit(texts: readonly string[], pack: LanguagePack, options: FeaturizerOptions = DEFAULT_FEATURIZER_OPTIONS): Featurizer {
    const documentCounts = new Map<string, number>();
    for (const text of texts) {
      for (const feature of new Set(extractFeatures(text, pack, options).keys())) {
        documentCounts.set(feature, (documentCounts.get(feature) ?? 0) + 1);
      }
    }
    const vocabulary = new Map<string, number>();
    const idfValues: number[] = [];
    for (const [feature, count] of documentCounts) {
      if (count < options.minDocumentCount) continue;
      vocabulary.set(feature, idfValues.length);
      idfValues.push(Math.log((1 + texts.length) / (1 + count)) + 1);
    }
    return new Featurizer(pack, options, vocabulary, Float32Array.from(idfValues));
  }

  transform(text: string): SparseVector {
    const weights = new Map<number, number>();
    const blockNorms: Record<Block, number> = { w: 0, p: 0, c: 0 };
    const blockOf = new Map<number, Block>();
    for (const [feature, count] of extractFeatures(text, this.pack, this.options)) {
      const index = this.vocabulary.get(feature);
      if (index === undefined) continue;
      const value = (1 + Math.log(count)) * this.idf[index]!;
      const block = feature[0] as Block;
      weights.set(index, value);
      blockOf.set(index, block);
      blockNorms[block] += value * value;
    }
    const blockWeight: Record<Block, number> = { w: this.options.wordWeight, p: this.options.pairWeight, c: this.options.charWeight };
    let total = 0;
    for (const [index, value] of weights) {
      const block = blockOf.get(index)!;
      const scaled = (value / Math.sqrt(blockNorms[block])) * blockWeight[block];
      weights.set(index, scaled);
      total += scaled * scaled;
    }
    const norm = Math.sqrt(total) || 1;
    for (const [index, value] of weights) weights.set(index, value / norm);
    return sparseFromMap(weights);
  }
}

function extractFeatures(text: string, pack: LanguagePack, options: FeaturizerOptions): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (feature: string) => counts.set(feature, (counts.get(feature) ?? 0) + 1);
  const tokens = pack.tokenise(text);
  const stems = tokens.map((token) => foldDiacritics(pack.stem(token)));
  stems.forEach((stem, i) => {
    add('w' + stem);
    if (i > 0) add('p' + stems[i - 1] + ' ' + stem);
  });
  const folded = ' ' + foldDiacritics(tokens.join(' ')) + ' ';
  for (let n = options.charMin; n <= options.charMax; n++) {
    for (let i = 0; i + n <= folded.length; i++) {
      const gram = folded.slice(i, i + n);
      if (gram.trim().length > 0) add('c' + gram);
    }
  }
  return counts;
}
