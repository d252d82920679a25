import type { LanguagePack } from './languages/index.js';
import type { SparseVector } from './sparse-vector.js';
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

export interface FeaturizerSnapshot {
  language: LanguagePack['language'];
  options: FeaturizerOptions;
  vocabulary: Map<string, number>;
  idf: Float32Array;
  blocks: Uint8Array;
}

type Block = 'w' | 'p' | 'c';
const BLOCKS: readonly Block[] = ['w', 'p', 'c'];

/** A text's features: distinct feature ids and how often each occurs, side by side. */
interface FeatureCounts {
  ids: number[];
  occurrences: number[];
}

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
    private readonly blocks: Uint8Array,
  ) {}

  get dimension(): number {
    return this.idf.length;
  }

  /** Plain data (Maps and typed arrays) that `fromSnapshot` turns back into the same featurizer. */
  toSnapshot(): FeaturizerSnapshot {
    return { language: this.pack.language, options: this.options, vocabulary: this.vocabulary, idf: this.idf, blocks: this.blocks };
  }

  static fromSnapshot(snapshot: FeaturizerSnapshot, pack: LanguagePack): Featurizer {
    return new Featurizer(pack, snapshot.options, snapshot.vocabulary, snapshot.idf, snapshot.blocks);
  }

  /**
   * Fits the vocabulary and returns the training texts' vectors too. Each feature occurrence is
   * looked up once and each distinct word stemmed once: with CLINC150's 15,000 texts of ~170
   * features, string lookups and the Porter stemmer were most of the cost.
   */
  static fitTransform(
    texts: readonly string[],
    pack: LanguagePack,
    options: FeaturizerOptions = DEFAULT_FEATURIZER_OPTIONS,
  ): { featurizer: Featurizer; vectors: SparseVector[] } {
    const seen = new Map<string, number>();
    const documentCounts: number[] = [];
    // Per feature id: the last text it occurred in and its place in that text's counts.
    const lastText: number[] = [];
    const place: number[] = [];
    const stems = new Map<string, string>();
    const stem = (token: string) => {
      let stemmed = stems.get(token);
      if (stemmed === undefined) stems.set(token, (stemmed = foldDiacritics(pack.stem(token))));
      return stemmed;
    };
    const counted = texts.map((text, textIndex): FeatureCounts => {
      const counts: FeatureCounts = { ids: [], occurrences: [] };
      for (const feature of extractFeatures(text, pack, options, stem)) {
        let id = seen.get(feature);
        if (id === undefined) {
          id = documentCounts.length;
          seen.set(feature, id);
          documentCounts.push(0);
          lastText.push(-1);
          place.push(0);
        }
        if (lastText[id] === textIndex) {
          counts.occurrences[place[id]!]!++;
        } else {
          lastText[id] = textIndex;
          place[id] = counts.ids.length;
          counts.ids.push(id);
          counts.occurrences.push(1);
          documentCounts[id]!++;
        }
      }
      return counts;
    });
    const kept = new Int32Array(documentCounts.length).fill(-1);
    const vocabulary = new Map<string, number>();
    const idfValues: number[] = [];
    const blocks: number[] = [];
    for (const [feature, id] of seen) {
      const count = documentCounts[id]!;
      if (count < options.minDocumentCount) continue;
      kept[id] = idfValues.length;
      vocabulary.set(feature, idfValues.length);
      idfValues.push(Math.log((1 + texts.length) / (1 + count)) + 1);
      blocks.push(BLOCKS.indexOf(feature[0] as Block));
    }
    const featurizer = new Featurizer(pack, options, vocabulary, Float32Array.from(idfValues), Uint8Array.from(blocks));
    const vectors = counted.map(({ ids, occurrences }) => {
      const indexed: FeatureCounts = { ids: [], occurrences: [] };
      ids.forEach((id, i) => {
        if (kept[id]! < 0) return;
        indexed.ids.push(kept[id]!);
        indexed.occurrences.push(occurrences[i]!);
      });
      return featurizer.vectorise(indexed);
    });
    return { featurizer, vectors };
  }

  transform(text: string): SparseVector {
    return this.describe(text).vector;
  }

  /**
   * The vector and the share of the text's words seen in training (1 when it has no words).
   * Unseen words vanish from the vector, so coverage is the only trace that the text says something new.
   */
  describe(text: string): { vector: SparseVector; wordCoverage: number } {
    const counts = new Map<number, number>();
    let words = 0;
    let knownWords = 0;
    const pack = this.pack;
    for (const feature of extractFeatures(text, pack, this.options, (token) => foldDiacritics(pack.stem(token)))) {
      const index = this.vocabulary.get(feature);
      if (feature[0] === 'w') {
        words++;
        if (index !== undefined) knownWords++;
      }
      if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
    }
    const vector = this.vectorise({ ids: [...counts.keys()], occurrences: [...counts.values()] });
    return { vector, wordCoverage: words === 0 ? 1 : knownWords / words };
  }

  private vectorise({ ids, occurrences }: FeatureCounts): SparseVector {
    const size = ids.length;
    const indices = new Int32Array(size);
    const values = new Float64Array(size);
    const blockNorms = [0, 0, 0];
    for (let at = 0; at < size; at++) {
      const index = ids[at]!;
      const value = (1 + Math.log(occurrences[at]!)) * this.idf[index]!;
      indices[at] = index;
      values[at] = value;
      blockNorms[this.blocks[index]!]! += value * value;
    }
    // Each block has unit length before its weight, so the whole vector's length follows from the weights.
    const blockWeights = [this.options.wordWeight, this.options.pairWeight, this.options.charWeight];
    let total = 0;
    const scales = blockNorms.map((norm, block) => {
      if (norm === 0) return 0;
      total += blockWeights[block]! ** 2;
      return blockWeights[block]! / Math.sqrt(norm);
    });
    const length = Math.sqrt(total) || 1;
    // Sort by feature index: index * size + position is exact in a double and sorts natively.
    const keys = new Float64Array(size);
    for (let i = 0; i < size; i++) keys[i] = indices[i]! * size + i;
    keys.sort();
    const vector: SparseVector = { indices: new Int32Array(size), values: new Float32Array(size) };
    for (let i = 0; i < size; i++) {
      const position = keys[i]! % size;
      vector.indices[i] = indices[position]!;
      vector.values[i] = (values[position]! * scales[this.blocks[indices[position]!]!]!) / length;
    }
    return vector;
  }
}

/** Every feature occurrence of a text, prefixed with its block letter. `stem` is the pack's stemmer, folded. */
function extractFeatures(text: string, pack: LanguagePack, options: FeaturizerOptions, stem: (token: string) => string): string[] {
  const features: string[] = [];
  const tokens = pack.tokenise(text);
  const stems = tokens.map(stem);
  stems.forEach((stem, i) => {
    features.push('w' + stem);
    if (i > 0) features.push('p' + stems[i - 1] + ' ' + stem);
  });
  const folded = ' ' + foldDiacritics(tokens.join(' ')) + ' ';
  for (let n = options.charMin; n <= options.charMax; n++) {
    for (let i = 0; i + n <= folded.length; i++) {
      const gram = folded.slice(i, i + n);
      if (gram.trim().length > 0) features.push('c' + gram);
    }
  }
  return features;
}
