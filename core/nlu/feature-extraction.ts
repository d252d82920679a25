import { foldDiacritics } from './text-normaliser.js';

/** The options `featuresOf` reads: which character n-grams a text yields. */
export interface CharGramRange {
  charMin: number;
  charMax: number;
}

/**
 * Every feature occurrence of a text, prefixed with its block letter: stemmed words (`w`), stemmed
 * word pairs (`p`) and character n-grams of the diacritic-folded tokens (`c`). `stems` are the
 * tokens' stems, already folded.
 */
export function featuresOf(tokens: readonly string[], stems: readonly string[], range: CharGramRange): string[] {
  const features: string[] = [];
  stems.forEach((stem, i) => {
    features.push('w' + stem);
    if (i > 0) features.push('p' + stems[i - 1] + ' ' + stem);
  });
  const folded = ' ' + foldDiacritics(tokens.join(' ')) + ' ';
  for (let n = range.charMin; n <= range.charMax; n++) {
    for (let i = 0; i + n <= folded.length; i++) {
      const gram = folded.slice(i, i + n);
      if (gram.trim().length > 0) features.push('c' + gram);
    }
  }
  return features;
}
