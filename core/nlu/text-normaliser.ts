/**
 * Normalisation shared by every language: Unicode form, case, punctuation, and letters stretched
 * for emphasis ("kiitoooos" -> "kiitoos"). Language packs add their own rules on top.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[’`´]/g, "'")
    .replace(/(\p{L})\1{2,}/gu, '$1$1')
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .replace(/(^|\s)'+|'+(\s|$)/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Folds the letters that customers often type without their dots (ä -> a, ö -> o, å -> a), so
 * "hairio" and "häiriö" share character n-grams. Used for features only, never for display.
 */
export function foldDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '');
}

/** Splits normalised text into word tokens. */
export function splitWords(normalised: string): string[] {
  return normalised.length === 0 ? [] : normalised.split(' ').filter((word) => word.length > 0);
}
