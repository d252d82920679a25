import type { MatchableText } from './phrase-matcher.js';
import { maskPersonalData } from '../core/privacy/index.js';

/** Words that two unrelated messages share all the time; counting them would call "ok kiitos" twice a repeated complaint. */
const COMMON_WORDS = new Set([
  'on',
  'ole',
  'olen',
  'se',
  'ja',
  'että',
  'kun',
  'no',
  'nyt',
  'jo',
  'minä',
  'minun',
  'te',
  'teillä',
  'teidän',
  'tämä',
  'ok',
  'okei',
  'kiitos',
  'moi',
  'hei',
  'joo',
  'the',
  'a',
  'an',
  'is',
  'are',
  'my',
  'i',
  'me',
  'it',
  'this',
  'that',
  'to',
  'of',
  'in',
  'on',
  'and',
  'you',
  'your',
  'so',
  'ok',
  'okay',
  'thanks',
  'thank',
  'hi',
  'hello',
  'please',
]);

/** At least this many content words in common, and this share of the shorter message, make a repeat. */
const MIN_SHARED = 2;
const MIN_SHARE = 0.6;

function contentKeys(text: MatchableText): Set<string> {
  return new Set(text.keys.filter((key, index) => key.length > 1 && !COMMON_WORDS.has(text.words[index]!)));
}

/**
 * Whether the message says again what the customer already wrote in this conversation ("missä
 * mun paketti on" after "missä se paketti on?"): asking twice is how anger builds without a
 * strong word. Compares stems, so inflection and word order do not hide a repeat.
 */
export function repeatsEarlier(message: MatchableText, earlier: readonly MatchableText[]): boolean {
  const mine = contentKeys(message);
  if (mine.size < MIN_SHARED) return false;
  return earlier.some((previous) => {
    const theirs = contentKeys(previous);
    const shared = [...mine].filter((key) => theirs.has(key)).length;
    return shared >= MIN_SHARED && shared / Math.min(mine.size, theirs.size) >= MIN_SHARE;
  });
}

/** Stands for any number, so "order 12345" said twice is still a repeat after the number is gone. */
const NUMBER = '[number]';

/**
 * What of a message may be kept for `repeatsEarlier`: personal data masked, every word with a digit
 * replaced by "[number]" and every word with an @ dropped (order numbers, postal codes, phone
 * numbers, e-mail addresses), so the conversation state never holds the details a customer typed
 * to verify an order. Applying it twice changes nothing.
 *
 * @example
 * textForRepetition('tilaus 123456 ei tullut, aino@example.com') // 'tilaus [number] ei tullut,'
 */
export function textForRepetition(text: string): string {
  return maskPersonalData(text)
    .text.split(/\s+/)
    .filter((word) => word.length > 0 && !word.includes('@'))
    .map((word) => (/\d/.test(word) ? NUMBER : word))
    .join(' ');
}
