import { createRequire } from 'node:module';
import { normaliseText, splitWords } from '../text-normaliser.js';
import type { LanguagePack } from './language-pack.js';

// natural's index imports every module it has (and dotenv, which prints to stdout); loading the
// stemmer file alone keeps start-up fast and our logs clean.
const require = createRequire(import.meta.url);
const porter = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(token: string): string };

/**
 * Contractions and chat spellings expanded before stemming, so "can't" meets "cannot".
 * A Map, not an object literal: customers type any word, and `{}["constructor"]` is the Object
 * function, whose `.split` threw and failed the turn (security review M2).
 */
const CHAT_FORMS: ReadonlyMap<string, string> = new Map(Object.entries({
  "can't": 'can not', cant: 'can not', cannot: 'can not', "won't": 'will not', wont: 'will not', "don't": 'do not', dont: 'do not',
  "doesn't": 'does not', doesnt: 'does not', "didn't": 'did not', didnt: 'did not', "isn't": 'is not', isnt: 'is not', "i'm": 'i am', im: 'i am',
  "what's": 'what is', whats: 'what is', "where's": 'where is', wheres: 'where is', "when's": 'when is', "it's": 'it is', "you're": 'you are',
  "i've": 'i have', "i'd": 'i would', "haven't": 'have not', "hasn't": 'has not', "aren't": 'are not', u: 'you', ur: 'your', r: 'are',
  pls: 'please', plz: 'please', thx: 'thanks', ty: 'thank you', wanna: 'want to', gonna: 'going to', tmrw: 'tomorrow', tmr: 'tomorrow',
}));

const FUNCTION_WORDS = new Set([
  'the', 'a', 'an', 'is', 'are', 'was', 'be', 'to', 'of', 'and', 'or', 'in', 'on', 'at', 'for', 'with', 'my', 'your', 'you', 'i', 'me', 'we',
  'it', 'this', 'that', 'what', 'where', 'when', 'why', 'how', 'who', 'can', 'do', 'does', 'did', 'not', 'no', 'yes', 'please', 'thanks',
  'thank', 'hi', 'hello', 'hey', 'bye', 'is', 'there', 'have', 'has', 'will', 'would', 'could', 'should', 'open', 'order', 'bill', 'invoice',
  'outage', 'help', 'person', 'human', 'agent', 'talk', 'speak', 'want', 'need', 'today', 'tomorrow', 'sunday', 'am', 'any', 'from', 'about',
]);

export const english: LanguagePack = {
  language: 'en',
  tokenise(text) {
    return splitWords(normaliseText(text)).flatMap((word) => (CHAT_FORMS.get(word) ?? word.replace(/'s$/, '')).split(' '));
  },
  stem: (token) => porter.stem(token),
  functionWords: FUNCTION_WORDS,
};
