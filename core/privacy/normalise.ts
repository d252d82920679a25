/**
 * The text the personal-data finders read, with a map back to the original. Customers (and their
 * phones' keyboards) write the same number in many ways; without folding them first, a card written
 * with no-break spaces, zero-width spaces or full-width digits passes every pattern unmasked.
 */
export interface NormalisedText {
  /** Spaces plain, dashes `-`, invisible characters removed, full-width and other compatibility letters and digits folded to ASCII. */
  text: string;
  /** For each UTF-16 unit of `text`, where its character starts in the original. */
  starts: number[];
  /** For each UTF-16 unit of `text`, where its character ends in the original. */
  ends: number[];
}

// \p{Cf}: zero-width space, joiners, word joiner, BOM, soft hyphen, direction marks.
const INVISIBLE = /^\p{Cf}$/u;
const SPACE = /^[\p{Zs}\t]$/u;
// \p{Pd} covers the hyphen U+2010, the non-breaking hyphen, en and em dashes; U+2212 is the minus sign.
const DASH = /^[\p{Pd}\u2212]$/u;
const ASCII_ALPHANUMERIC = /^[0-9A-Za-z]$/;

export function normaliseForMatching(original: string): NormalisedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let index = 0;
  for (const char of original) {
    const start = index;
    index += char.length;
    const folded = fold(char);
    for (let unit = 0; unit < folded.length; unit++) {
      starts.push(start);
      ends.push(index);
    }
    text += folded;
  }
  return { text, starts, ends };
}

function fold(char: string): string {
  if (char.charCodeAt(0) < 0x80) return char === '\t' ? ' ' : char;
  if (INVISIBLE.test(char)) return '';
  if (SPACE.test(char)) return ' ';
  if (DASH.test(char)) return '-';
  // NFKC folds full-width (U+FF10…) and mathematical digits and letters to ASCII.
  const compatible = char.normalize('NFKC');
  return ASCII_ALPHANUMERIC.test(compatible) ? compatible : char;
}
