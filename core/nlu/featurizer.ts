import { analysed, type TextInput } from './analysed-text.js';
import { featuresOf } from './feature-extraction.js';
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

const WORD_BLOCK = 'w'.charCodeAt(0);

/**
 * Turns a message into TF-IDF features: stemmed words, stemmed word pairs and character n-grams of
 * the diacritic-folded text. Words carry meaning; character n-grams carry Finnish inflection,
 * compounds and typos. Each block is normalised on its own, weighted, then the whole vector is.
 */
export class Featurizer {
  /** Per vocabulary index, its place in the text being described, or -1; reset after each text (see `describe`). */
  private placeOf: Int32Array | undefined;

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
      const tokens = pack.tokenise(text);
      for (const feature of featuresOf(tokens, tokens.map(stem), options)) {
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

  transform(text: TextInput): SparseVector {
    return this.describe(text).vector;
  }

  /**
   * The vector and the share of the text's words seen in training (1 when it has no words).
   * Unseen words vanish from the vector, so coverage is the only trace that the text says something new.
   * Features come from the `AnalysedText` when given one, so another model of the language reuses them.
   */
  describe(text: TextInput): { vector: SparseVector; wordCoverage: number } {
    // Counted through an array indexed by feature, in order of first occurrence (the order the sums
    // in `vectorise` run in): a Map per text was a fifth of this function's time.
    const placeOf = (this.placeOf ??= new Int32Array(this.dimension).fill(-1));
    const counts: FeatureCounts = { ids: [], occurrences: [] };
    let words = 0;
    let knownWords = 0;
    for (const feature of analysed(text).features(this.pack, this.options)) {
      const index = this.vocabulary.get(feature);
      if (feature.charCodeAt(0) === WORD_BLOCK) {
        words++;
        if (index !== undefined) knownWords++;
      }
      if (index === undefined) continue;
      const place = placeOf[index]!;
      if (place >= 0) {
        counts.occurrences[place]!++;
      } else {
        placeOf[index] = counts.ids.length;
        counts.ids.push(index);
        counts.occurrences.push(1);
      }
    }
    for (const index of counts.ids) placeOf[index] = -1;
    return { vector: this.vectorise(counts), wordCoverage: words === 0 ? 1 : knownWords / words };
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
