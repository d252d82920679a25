import type { Language } from '../core/index.js';
import { analysed, LANGUAGE_PACKS, type TextInput } from '../core/nlu/index.js';

/** A text split into words, each with the key phrases are matched on. */
export interface MatchableText {
  readonly language: Language;
  /** Normalised words, chat forms expanded by the language pack ("onks" -> "onko"). */
  readonly words: readonly string[];
  /** Stem of each word; for Finnish also with consonant gradation folded ("kerran", "kertaa" -> "ker…"). */
  readonly keys: readonly string[];
}

/** Shortest key that may match a longer word by prefix; shorter ones must match whole ("jo" is not "joku"). */
const MIN_PREFIX_KEY = 4;
/** Keys this long may also differ in their last letter (Finnish stem changes: "kolmas" / "kolmannen", "kolmatta"). */
const MIN_SLACK_KEY = 5;
/**
 * How many letters a message word's stem may run past a phrase's stem. Inflection leaves a letter
 * or two the stemmer keeps; more is another word that happens to start the same ("toivottavasti"
 * is not "toivoton", "saatavilla" is not "saatana").
 */
const MAX_STEM_OVERHANG = 2;
/** One-word phrases get the last-letter slack only from this stem length on: "saata" (saatana) is too short to be safe. */
const MIN_SINGLE_WORD_SLACK_KEY = 7;
/** Finnish clitics that turn a word negative or emphatic ("vieläkään" = "not even yet"); the stemmer drops them. */
const NEGATIVE_CLITIC = /(?:kaan|kään|kaa|kää)$/;

/**
 * Finnish consonant gradation folded to one form, so the strong and weak grades of a stem meet:
 * "kerta" / "kerran", "vaihdan" / "vaihtaa", "pettynyt" / "petyin". Applied to both sides, so it
 * only has to be consistent, not linguistically exact.
 */
function foldGradation(stem: string): string {
  return stem
    .replace(/[rln]t/g, (pair) => pair[0]!)
    .replace(/mp/g, 'm')
    .replace(/n[kg]/g, 'n')
    .replace(/h[td]/g, 'h')
    .replace(/([bcdfghjklmnpqrstvwxz])\1/g, '$1');
}

/**
 * Splits and stems a text for phrase matching: the message and every lexicon phrase go through
 * the same steps, so an editor writes "kolmas kerta" once and it meets "kolmannen kerran". A turn's
 * `AnalysedText` brings the words and stems the NLU already made.
 */
export function matchableText(text: TextInput, language: Language): MatchableText {
  const { tokens: words, stems } = analysed(text).readingOf(LANGUAGE_PACKS[language]);
  const keys = language === 'fi' ? stems.map(foldGradation) : stems;
  return { language, words, keys };
}

function prefixMatches(message: string, phrase: string): boolean {
  return phrase.length >= MIN_PREFIX_KEY ? message.startsWith(phrase) : message === phrase;
}

function commonPrefixLength(a: string, b: string): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}

/** How words are compared: as written (a prefix of the message word), or also by stem. */
export type MatchMode = 'as_written' | 'stemmed';

/**
 * Whether word `at` of the message is a form of word `index` of the phrase. Called for every phrase
 * of the lexicon at every word of a message, so the cheap comparisons come first and the clitic
 * rule, which can only turn a match down, is checked last.
 */
function wordMatches(message: MatchableText, at: number, phrase: MatchableText, index: number, mode: MatchMode): boolean {
  const word = message.words[at]!;
  const phraseWord = phrase.words[index]!;
  if (prefixMatches(word, phraseWord)) return true;
  if (mode === 'as_written') return false;
  return stemMatches(word, message.keys[at]!, phraseWord, phrase.keys[index]!, phrase) && !cliticMissing(word, phraseWord, phrase.language);
}

function stemMatches(word: string, key: string, phraseWord: string, phraseKey: string, phrase: MatchableText): boolean {
  // The Porter stemmer cuts English suffixes that carry meaning ("wonderful" and "wondering" are
  // both "wonder"): a stem counts only where the written words differ in their last two letters.
  const closeEnough = phrase.language === 'fi' || commonPrefixLength(word, phraseWord) >= phraseWord.length - 2;
  // A one-word phrase has no neighbour to confirm it, so its stem must match exactly: "saatiinko" and
  // "saatavilla" come near "saatana" by stem, and the written prefix already catches "saatanan".
  // Longer stems may still differ in a letter or two ("hyödytön" / "hyödyttömiä").
  if (phrase.words.length === 1) return closeEnough && (key === phraseKey || (phraseKey.length >= MIN_SINGLE_WORD_SLACK_KEY && nearStem(key, phraseKey)));
  if (prefixMatches(key, phraseKey) && key.length - phraseKey.length <= MAX_STEM_OVERHANG && closeEnough) return true;
  return phrase.language === 'fi' && phraseKey.length >= MIN_SLACK_KEY && nearStem(key, phraseKey);
}

/** "vieläkään" in a phrase means "still not"; plain "vielä" ("vielä yks kysymys") is not it. */
function cliticMissing(word: string, phraseWord: string, language: Language): boolean {
  return language === 'fi' && NEGATIVE_CLITIC.test(phraseWord) && !NEGATIVE_CLITIC.test(word);
}

/** The message stem differs from the phrase stem in at most its last letter, plus a short inflectional overhang. */
function nearStem(key: string, phraseKey: string): boolean {
  return commonPrefixLength(key, phraseKey) >= phraseKey.length - 1 && key.length - phraseKey.length <= MAX_STEM_OVERHANG;
}

/**
 * Words that only add emphasis; a phrase still matches with them in between ("ottaa niin päähän",
 * "annoys me so much" is not, but "so sick of" and "totally fed up" are).
 */
const INTENSIFIERS: ReadonlySet<string> = new Set([
  'niin',
  'ihan',
  'tosi',
  'todella',
  'aivan',
  'erittäin',
  'kyllä',
  'vaan',
  'vaa',
  'sikana',
  'hirveästi',
  'so',
  'really',
  'very',
  'totally',
  'absolutely',
  'completely',
  'just',
  'fucking',
  'bloody',
]);

/**
 * Where `phrase` occurs in `message`, its words in order with only intensifiers between them, as
 * the index of its first word and one past its last; undefined when it does not occur. Words
 * marked in `used` are skipped, so a longer phrase that already scored them is not counted again.
 * `as_written` compares the words as the editor wrote them (prefixes), `stemmed` also their stems.
 *
 * @example
 * findPhrase(matchableText('kolmannen kerran kysyn', 'fi'), matchableText('kolmas kerta', 'fi')) // { start: 0, end: 2 }
 */
export function findPhrase(
  message: MatchableText,
  phrase: MatchableText,
  used: readonly boolean[] = [],
  mode: MatchMode = 'stemmed',
): { start: number; end: number } | undefined {
  if (phrase.words.length === 0) return undefined;
  for (let start = 0; start < message.words.length; start++) {
    let at = start;
    let matched = 0;
    while (matched < phrase.words.length && at < message.words.length && !used[at]) {
      if (wordMatches(message, at, phrase, matched, mode)) matched++;
      else if (matched === 0 || !INTENSIFIERS.has(message.words[at]!)) break;
      at++;
    }
    if (matched === phrase.words.length) return { start, end: at };
  }
  return undefined;
}

/** Whether any of `phrases` occurs in `message`. */
export function containsAny(message: MatchableText, phrases: readonly MatchableText[]): boolean {
  return phrases.some((phrase) => findPhrase(message, phrase) !== undefined);
}
