/**
 * Finnish place names in the forms customers write them: "Tampereella", "Helsingissä", "Lahdesta",
 * "Turkuun", "Oulus" (spoken), "Seinäjoella". Built from the nominative with the rules that decide a
 * place name's stems (e-stems of -e and old -i words, consonant gradation) and the case endings;
 * names the rules cannot reach (Uusikaupunki, Nurmes) bring their stems in the place list.
 *
 * A letter typed without its dots matches the dotted one ("Jyvaskylassa" meets "Jyväskylässä"), but not
 * the other way round: "lähti" (left) is not "Lahti", and "läpi" (through) is not "Lappi".
 */

/** Lowercase NFC: the form stems and words are compared in. */
export function lowerPlaceText(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/** Lowercase with ä/ö/å as a/o/a, as customers often type them. */
export function foldPlaceText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

const VOWEL = /[aeiouyäö]$/;

/**
 * Strong -> weak grade of the consonants before the final vowel: Helsinki -> Helsingi(n), Turku -> Turu(n),
 * Lahte -> Lahde(ssa), Lappeenranta -> Lappeenranna(ssa), Seinäjoke -> Seinäjoe(lla), Kurikka -> Kurika(ssa).
 * Longest clusters first so "nk" is not read as "k".
 */
const GRADATION: readonly [RegExp, string][] = [
  [/nk([aeiouyäö])$/, 'ng$1'],
  [/mp([aeiouyäö])$/, 'mm$1'],
  [/nt([aeiouyäö])$/, 'nn$1'],
  [/lt([aeiouyäö])$/, 'll$1'],
  [/rt([aeiouyäö])$/, 'rr$1'],
  [/ht([aeiouyäö])$/, 'hd$1'],
  [/rk([aeiouyäö])$/, 'r$1'],
  [/lk([aeiouyäö])$/, 'l$1'],
  [/kk([aeiouyäö])$/, 'k$1'],
  [/pp([aeiouyäö])$/, 'p$1'],
  [/tt([aeiouyäö])$/, 't$1'],
  [/([aeiouyäö])k([aeiouyäö])$/, '$1$2'],
  [/([aeiouyäö])p([aeiouyäö])$/, '$1v$2'],
  [/([aeiouyäö])t([aeiouyäö])$/, '$1d$2'],
];

function weakGrade(stem: string): string | undefined {
  for (const [pattern, replacement] of GRADATION) {
    if (pattern.test(stem)) return stem.replace(pattern, replacement);
  }
  return undefined;
}

/**
 * The stems a place name inflects from, in lowercase. Overgenerating is harmless (a stem like "helsinge"
 * matches no real word); missing one makes a customer's town unknown.
 * @example inflectionStems('Lahti') // ['lahti', 'lahte', 'lahdi', 'lahde']
 */
export function inflectionStems(name: string, extraStems: readonly string[] = []): string[] {
  const base = lowerPlaceText(name.trim());
  const stems = new Set<string>([base]);
  if (base.endsWith('e')) stems.add(base + 'e'); // Tampere -> Tamperee-lla, Kitee -> Kitee-llä (already long)
  if (base.endsWith('i')) stems.add(base.slice(0, -1) + 'e'); // Rovaniemi -> Rovanieme-llä, Lahti -> Lahte-en
  if (base.endsWith('nen')) {
    stems.add(base.slice(0, -3) + 'se'); // Kauniainen -> Kauniaise-en
    stems.add(base.slice(0, -3) + 'si'); // ... -> Kauniaisi-ssa (the plural the town uses)
  }
  for (const stem of [...stems]) {
    if (!VOWEL.test(stem)) continue;
    const weak = weakGrade(stem);
    if (weak) stems.add(weak);
  }
  for (const extra of extraStems) stems.add(lowerPlaceText(extra));
  return [...stems];
}

/**
 * Case endings after a stem (folded: -ssa covers -ssä), with the spoken short forms ("Helsingis",
 * "Tampereel", "Oulust") and the partitive of e-stems ("Tamperetta").
 */
const CASE_ENDINGS = new Set(['', 'n', 'ssa', 'sta', 'lla', 'lta', 'lle', 'na', 'ksi', 'a', 'ta', 'tta', 'seen', 'hin', 'ss', 'st', 'll', 'lt', 's', 'l']);

/** Particles glued to the end: "Oulussakin", "Tampereellako", "Helsingissähän". */
const CLITICS = ['kaan', 'kin', 'han', 'ko', 'pa'];

/**
 * Whether a lowercase word is a form of a place with these lowercase stems: a case ending, the illative
 * (stem + its last vowel + n: "Ouluun", "Turkuun", "Lahteen") or a clitic after either.
 */
export function isFormOf(word: string, stems: readonly string[]): boolean {
  const folded = foldPlaceText(word);
  const candidates = [folded, ...CLITICS.filter((clitic) => folded.endsWith(clitic)).map((clitic) => folded.slice(0, -clitic.length))];
  return stems.some((stem) => {
    if (!startsLike(word, stem)) return false;
    const foldedStem = foldPlaceText(stem);
    return candidates.some((candidate) => {
      const ending = candidate.slice(foldedStem.length);
      return CASE_ENDINGS.has(ending) || ending === `${foldedStem.at(-1)}n`;
    });
  });
}

/** The word begins with the stem, a plain letter standing for a dotted one but never the reverse. */
function startsLike(word: string, stem: string): boolean {
  if (word.length < stem.length) return false;
  for (let index = 0; index < stem.length; index++) {
    const typed = word[index]!;
    const expected = stem[index]!;
    if (typed === expected) continue;
    if (foldPlaceText(typed) !== typed || foldPlaceText(expected) !== typed) return false;
  }
  return true;
}
