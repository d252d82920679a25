/**
 * A light suffix-stripping stemmer for Finnish, after the order of the Snowball Finnish algorithm:
 * clitic particles, possessive suffixes, case endings, plural markers. It aims to make the forms a
 * customer types meet ("laskussani", "laskuni", "laskusta" -> "lasku"); character n-grams in the
 * featuriser catch what a light stemmer misses (consonant gradation: "tilaus" / "tilauksen").
 */
const PARTICLES = ['kaan', 'kään', 'kin', 'han', 'hän', 'pa', 'pä', 'ko', 'kö'];
const POSSESSIVES = ['nsa', 'nsä', 'mme', 'nne', 'ni', 'si', 'an', 'än', 'en'];
// Longest first, so "ssa" wins over "a".
const CASES = [
  'seen',
  'siin',
  'tten',
  'iden',
  'itten',
  'ssa',
  'ssä',
  'sta',
  'stä',
  'lla',
  'llä',
  'lta',
  'ltä',
  'lle',
  'ksi',
  'tta',
  'ttä',
  'den',
  'ten',
  'ine',
  'hin',
  'hen',
  'hon',
  'hun',
  'hyn',
  'hän',
  'hön',
  'na',
  'nä',
  'ta',
  'tä',
  'ja',
  'jä',
  'in',
  'a',
  'ä',
  'n',
].sort((a, b) => b.length - a.length);
const VOWELS = /[aeiouyäö]/;
const MIN_STEM = 3;

function stripOne(word: string, suffixes: readonly string[]): string {
  for (const suffix of suffixes) {
    if (word.endsWith(suffix)) {
      const stem = word.slice(0, -suffix.length);
      if (stem.length >= MIN_STEM && VOWELS.test(stem)) return stem;
    }
  }
  return word;
}

export function stemFinnish(token: string): string {
  if (token.length <= MIN_STEM + 1 || /\d/.test(token)) return token;
  let word = stripOne(token, PARTICLES);
  word = stripOne(word, POSSESSIVES);
  word = stripOne(word, CASES);
  // Plural markers left after the case ending: "laskuille" -> "laskui" -> "lasku"; "laskut" -> "lasku".
  if (word.length > MIN_STEM + 1 && /[aeiouyäö][ij]$/.test(word)) word = word.slice(0, -1);
  if (word.length > MIN_STEM + 1 && /[aeiouyäö]t$/.test(word)) word = word.slice(0, -1);
  // Doubled final vowel of illative stems: "laskuun" -> "laskuu" -> "lasku".
  if (word.length > MIN_STEM + 1 && /([aeiouyäö])\1$/.test(word)) word = word.slice(0, -1);
  return word;
}
