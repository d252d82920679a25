import type { Language } from '../core/index.js';
import { containsAny, findPhrase, matchableText, type MatchableText } from './phrase-matcher.js';
import type { UpsetCues } from './upset-lexicon.js';

/** The cue lists of one language, split and stemmed once per lexicon. */
export interface PreparedCues {
  praise: MatchableText[];
  complaint: MatchableText[];
  urgency: MatchableText[];
  threat: { phrase: string; text: MatchableText }[];
  howTo: MatchableText[];
  address: MatchableText[];
  softener: MatchableText[];
  angryEmoji: readonly string[];
  sarcasticEmoji: readonly string[];
}

export function prepareCues(cues: UpsetCues | undefined, language: Language): PreparedCues {
  const prepare = (phrases: readonly string[] | undefined) => (phrases ?? []).map((phrase) => matchableText(phrase, language));
  return {
    praise: prepare(cues?.praise[language]),
    complaint: prepare(cues?.complaint[language]),
    urgency: prepare(cues?.urgency[language]),
    // Longest first, so "irtisanon sopimuksen" is one threat rather than also "irtisanon".
    threat: (cues?.threat[language] ?? [])
      .map((phrase) => ({ phrase, text: matchableText(phrase, language) }))
      .sort((a, b) => b.text.words.length - a.text.words.length),
    howTo: prepare(cues?.how_to[language]),
    address: prepare(cues?.address[language]),
    softener: prepare(cues?.softener[language]),
    angryEmoji: cues?.angry_emoji ?? [],
    sarcasticEmoji: cues?.sarcastic_emoji ?? [],
  };
}

/** Words that turn the praise after them around: "not great", "ei kovin kivaa". */
const NEGATIONS: Record<Language, ReadonlySet<string>> = {
  fi: new Set(['ei', 'eikä', 'en', 'et', 'eivät']),
  en: new Set(['not', 'never', 'no']),
};

/** Praise not negated within the two words before it. */
export function praises(message: MatchableText, cues: PreparedCues, language: Language): boolean {
  return cues.praise.some((phrase) => {
    const found = findPhrase(message, phrase);
    return found !== undefined && !message.words.slice(Math.max(0, found.start - 2), found.start).some((word) => NEGATIONS[language].has(word));
  });
}

/** Whether the message speaks to or about the company ("teidän toiminta", "your whole company"). */
export function addressesService(message: MatchableText, cues: PreparedCues): boolean {
  return containsAny(message, cues.address);
}

/** Whether a softener stands in the two words before `start` ("vähän pettynyt", "a bit annoyed"). */
export function softenedAt(message: MatchableText, start: number, cues: PreparedCues): boolean {
  const from = Math.max(0, start - 3);
  const before = { language: message.language, words: message.words.slice(from, start), keys: message.keys.slice(from, start) };
  return containsAny(before, cues.softener);
}

export function complains(message: MatchableText, cues: PreparedCues): boolean {
  return containsAny(message, cues.complaint);
}

/** How many of the listed emoji the raw text holds (a run of 👏👏👏 counts each). */
export function countEmoji(text: string, emoji: readonly string[]): number {
  return emoji.reduce((count, one) => count + text.split(one).length - 1, 0);
}

/** Finnish verbs that end like a plural imperative but are infinitives ("alkaa", "jakaa"). */
const NOT_IMPERATIVE_FI = new Set(['alkaa', 'jakaa', 'purkaa', 'pakkaa', 'hakkaa', 'takaa', 'vaikka', 'sukkaa', 'nukkaa', 'kukkaa']);
/** Singular imperatives that open a demand ("vastaa ny jo", "fix it now"); the plural Finnish form is found by its ending. */
const IMPERATIVES: Record<Language, ReadonlySet<string>> = {
  fi: new Set(['vastaa', 'korjaa', 'hoida', 'anna', 'tee', 'laita', 'yhdistä', 'soita', 'kerro', 'auta', 'lopeta']),
  en: new Set([
    'answer',
    'fix',
    'sort',
    'get',
    'give',
    'do',
    'tell',
    'connect',
    'call',
    'respond',
    'reply',
    'send',
    'put',
    'help',
    'stop',
    'refund',
    'solve',
    'transfer',
  ]),
};
const LEADING_FILLERS = new Set(['no', 'nyt', 'ny', 'just', 'please', 'so', 'oh', 'now', 'hey']);

function hasImperative(message: MatchableText, language: Language): boolean {
  const first = message.words.find((word) => !LEADING_FILLERS.has(word));
  if (first !== undefined && IMPERATIVES[language].has(first)) return true;
  return language === 'fi' && message.words.some((word) => word.length >= 6 && /(?:kaa|kää)$/.test(word) && !NOT_IMPERATIVE_FI.has(word));
}

/**
 * An imperative with urgency, an exclamation mark or capitals ("VASTATKAA NYT HETI", "fix it now!"),
 * or an urgency word shouted on its own ("a real person NOW"). A polite imperative without urgency
 * ("kertokaa milloin sähköt palaavat") is an ordinary request.
 */
export function demands(text: string, message: MatchableText, cues: PreparedCues, language: Language, shouting: boolean): boolean {
  const urgent = containsAny(message, cues.urgency);
  if (hasImperative(message, language) && (urgent || shouting || text.includes('!'))) return true;
  const shoutedWords = (text.match(/\p{L}+/gu) ?? []).filter((word) => word.length >= 2 && word === word.toUpperCase() && word !== word.toLowerCase());
  return shoutedWords.some((word) => containsAny(matchableText(word, language), cues.urgency));
}

/** Verbs of leaving followed within three words by what the customer would leave (word prefixes). */
const CANCEL_THREATS: Record<Language, { verbs: readonly string[]; objects: readonly string[] }> = {
  fi: {
    verbs: ['irtisano', 'peru', 'lopeta', 'lopetan', 'vaihdan', 'vaihan', 'vaihdamme', 'lähden', 'lähen', 'siirryn'],
    objects: ['sopimu', 'asiakkuu', 'liittym', 'jäsenyy', 'yhtiö', 'operaattori', 'firma', 'kilpailija', 'muualle', 'muuhun'],
  },
  en: {
    verbs: ['cancel', 'terminat', 'quit', 'leav', 'switch', 'moving', 'going', 'taking', 'ending', 'end'],
    objects: ['contract', 'subscription', 'account', 'membership', 'provider', 'company', 'competitor', 'elsewhere', 'customership'],
  },
};

/** Verbs of telling followed within five words by where everybody reads it ("laitan tästä someen", "post this on Twitter"). */
const PUBLIC_THREATS: Record<Language, { verbs: readonly string[]; objects: readonly string[] }> = {
  fi: {
    verbs: ['laitan', 'kirjoitan', 'kerron', 'julkaisen', 'postaan', 'vien', 'teen'],
    objects: [
      'some',
      'facebook',
      'twitter',
      'instagram',
      'tiktok',
      'lehd',
      'lehte',
      'lehti',
      'media',
      'iltalehti',
      'iltasanom',
      'uutis',
      'arvostelu',
      'google',
      'x:ään',
    ],
  },
  en: {
    verbs: ['post', 'posting', 'write', 'writing', 'tell', 'telling', 'leave', 'leaving', 'share', 'sharing', 'go'],
    objects: ['twitter', 'facebook', 'social', 'press', 'media', 'news', 'review', 'instagram', 'reddit', 'tiktok', 'newspaper', 'journalist'],
  },
};

function verbThenObject(
  words: readonly string[],
  used: readonly boolean[],
  list: { verbs: readonly string[]; objects: readonly string[] },
  window: number,
): boolean {
  return words.some(
    (word, index) =>
      !used[index] &&
      list.verbs.some((verb) => word.startsWith(verb)) &&
      words.slice(index + 1, index + 1 + window).some((next, offset) => !used[index + 1 + offset] && list.objects.some((object) => next.startsWith(object))),
  );
}

/**
 * Threats to leave or go public. A how-to question ("miten irtisanon sopimuksen kun muutan?",
 * "can I switch provider and keep my number?") is an ordinary request, so nothing counts there.
 * Orders are not objects: cancelling an order is a request, not a threat.
 */
export function threats(message: MatchableText, used: readonly boolean[], cues: PreparedCues, language: Language): string[] {
  if (containsAny(message, cues.howTo)) return [];
  const free = [...used];
  const found: string[] = [];
  for (const { phrase, text } of cues.threat) {
    const at = findPhrase(message, text, free);
    if (!at) continue;
    free.fill(true, at.start, at.end);
    found.push(`threat:${phrase}`);
  }
  if (found.length === 0 && verbThenObject(message.words, free, CANCEL_THREATS[language], 3)) found.push('cancel_threat');
  if (verbThenObject(message.words, free, PUBLIC_THREATS[language], 5)) found.push('public_threat');
  return found;
}
