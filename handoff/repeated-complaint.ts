import type { MatchableText } from './phrase-matcher.js';

/** Words that two unrelated messages share all the time; counting them would call "ok kiitos" twice a repeated complaint. */
const COMMON_WORDS = new Set([
  'on', 'ole', 'olen', 'se', 'ja', 'että', 'kun', 'no', 'nyt', 'jo', 'minä', 'minun', 'te', 'teillä', 'teidän', 'tämä', 'ok', 'okei', 'kiitos', 'moi', 'hei', 'joo',
  'the', 'a', 'an', 'is', 'are', 'my', 'i', 'me', 'it', 'this', 'that', 'to', 'of', 'in', 'on', 'and', 'you', 'your', 'so', 'ok', 'okay', 'thanks', 'thank', 'hi', 'hello', 'please',
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
