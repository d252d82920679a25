import type { Language } from '../../core/index.js';
import { addDays, localDateOf, weekdayOf, WEEKDAYS, type LocalDate, type Weekday } from './local-time.js';

/** What `parseDayExpression` needs from `ServiceHours`: the zone and the named special days. */
export interface SpecialDaySource {
  timezone: string;
  specialDays: readonly { date: LocalDate; name: Record<Language, string> }[];
}

export const DEFAULT_TIME_ZONE = 'Europe/Helsinki';

// Words are folded (ä -> a, ö -> o) before matching, because customers often type without them.
const NOW = new Set(['nyt', 'parhaillaan', 'now', 'currently']);
const TODAY = new Set(['tanaan', 'tanaa', 'today', 'tonight']);
const TOMORROW = new Set(['huomenna', 'huomen', 'huomiseksi', 'tomorrow', 'tmrw']);
const DAY_AFTER_TOMORROW = new Set(['ylihuomenna', 'ylihuomen']);
const NEXT = new Set(['ensi', 'seuraavana', 'next']);

/** Stems of weekday names: "sunnuntai" also covers sunnuntaina, sunnuntaisin, sunnuntain. */
const WEEKDAY_STEMS: Record<Weekday, string[]> = {
  mon: ['maanantai', 'monday'],
  tue: ['tiistai', 'tuesday'],
  wed: ['keskiviik', 'wednesday'],
  thu: ['torstai', 'thursday'],
  fri: ['perjantai', 'friday'],
  sat: ['lauantai', 'saturday'],
  sun: ['sunnuntai', 'sunday'],
};

/**
 * Abbreviations, only in messages of a few words ("auki su?"), because "ma" is also colloquial
 * Finnish for "I" and "sat" and "sun" are English words.
 */
const WEEKDAY_ABBREVIATIONS: ReadonlyMap<string, Weekday> = new Map(
  Object.entries({
    ma: 'mon',
    ti: 'tue',
    ke: 'wed',
    to: 'thu',
    pe: 'fri',
    la: 'sat',
    su: 'sun',
    mon: 'mon',
    tue: 'tue',
    wed: 'wed',
    thu: 'thu',
    fri: 'fri',
    sat: 'sat',
    sun: 'sun',
  } as const),
);
const SHORT_MESSAGE_WORDS = 3;

/**
 * Forms the stem rule cannot reach: "uutena vuotena" shares no stem with "uudenvuodenpäivä".
 * These tables are Maps because they are looked up with the customer's words, and an object literal
 * answers inherited names ("constructor") too.
 */
const HOLIDAY_ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries({ uutenavuotena: 'uudenvuoden', uusivuosi: 'uudenvuoden', uuttavuotta: 'uudenvuoden' }),
);

/** "toisena pääsiäispäivänä" is the file's "2. pääsiäispäivä". */
const ORDINAL_WORDS: ReadonlyMap<string, string> = new Map(Object.entries({ toisena: '2', toinen: '2', toisen: '2' }));

/** Words that start like a holiday but are not one: "joulukuussa" is "in December". */
const NOT_HOLIDAYS = /^joulukuu/;

/** Trailing words of holiday names that are not the holiday itself: "Christmas Eve", "Easter Monday". */
const NAME_TAIL_WORDS = new Set(['eve', 'day', 'sunday', 'monday']);

/**
 * Which day the customer asks about: "now", a local date ("2026-06-19"), or undefined when the text names no day.
 * A named day wins over "now" ("onko auki nyt sunnuntaina" asks about Sunday). Special days come from
 * `hours` (the exception names of the opening-hours file); the first upcoming one that matches is chosen.
 * @example parseDayExpression('Oletteko auki juhannuksena?', 'fi', new Date('2026-06-01T09:00:00Z'), hours) // '2026-06-19'
 */
export function parseDayExpression(text: string, language: Language, now: Date, hours?: SpecialDaySource): LocalDate | 'now' | undefined {
  void language; // Customers mix languages ("onko auki sunday"), so every language's words are understood.
  const today = localDateOf(now, hours?.timezone ?? DEFAULT_TIME_ZONE);
  const words = fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (hours) {
    const special = specialDay(words, today, hours);
    if (special) return special;
  }
  const date = numericDate(text, today);
  if (date) return date;
  for (const [index, word] of words.entries()) {
    if (DAY_AFTER_TOMORROW.has(word) || (word === 'day' && words[index + 1] === 'after' && words[index + 2] === 'tomorrow')) return addDays(today, 2);
  }
  if (words.some((word) => TOMORROW.has(word))) return addDays(today, 1);
  if (words.some((word) => TODAY.has(word))) return today;
  const skipToday = words.some((word) => NEXT.has(word));
  for (const word of words) {
    const weekday = WEEKDAYS.find((day) => WEEKDAY_STEMS[day].some((stem) => word.startsWith(stem)));
    if (weekday) return nextWeekday(today, weekday, skipToday);
    // Asked on a Sunday, "this weekend" means today, not next Saturday.
    if (word.startsWith('viikonlop') || word === 'weekend') return weekdayOf(today) === 'sun' && !skipToday ? today : nextWeekday(today, 'sat', skipToday);
  }
  if (words.length <= SHORT_MESSAGE_WORDS) {
    const abbreviation = words.map((word) => WEEKDAY_ABBREVIATIONS.get(word)).find(Boolean);
    if (abbreviation) return nextWeekday(today, abbreviation, skipToday);
  }
  if (words.some((word) => NOW.has(word)) || /talla hetkella|right now|at the moment/.test(words.join(' '))) return 'now';
  return undefined;
}

function nextWeekday(today: LocalDate, weekday: Weekday, skipToday: boolean): LocalDate {
  const ahead = (WEEKDAYS.indexOf(weekday) - WEEKDAYS.indexOf(weekdayOf(today)) + 7) % 7;
  return addDays(today, ahead === 0 && skipToday ? 7 : ahead);
}

/** "24.12." or "24.12.2026": the next such date from today on. Not "klo 8.30.", which is a time. */
function numericDate(text: string, today: LocalDate): LocalDate | undefined {
  const match = /(?:^|[^\d.])(?<!klo\s)(\d{1,2})\.(\d{1,2})\.(\d{4})?(?!\d)/i.exec(text);
  if (!match) return undefined;
  const [day, month] = [Number(match[1]), Number(match[2])];
  const thisYear = Number(today.slice(0, 4));
  for (const year of match[3] ? [Number(match[3])] : [thisYear, thisYear + 1]) {
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const real = !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
    if (real && (match[3] || date >= today)) return date;
  }
  return undefined;
}

/**
 * Matches words, and pairs of words written apart ("christmas eve", "uutena vuotena"), against the
 * special-day names. A match of the whole name ("juhannuspäivänä") beats a match of its stem ("juhannuksena"
 * matches both Juhannusaatto and Juhannuspäivä), a longer name a shorter one; among equals the earliest upcoming date wins.
 */
function specialDay(text: string[], today: LocalDate, hours: SpecialDaySource): LocalDate | undefined {
  const words = text.map((word) => ORDINAL_WORDS.get(word) ?? word);
  const pairs = words.slice(1).map((word, index) => words[index] + word);
  const triples = words.slice(2).map((word, index) => words[index]! + words[index + 1] + word);
  const phrases = [...words, ...pairs, ...triples].filter((phrase) => !NOT_HOLIDAYS.test(phrase)).map((phrase) => HOLIDAY_ALIASES.get(phrase) ?? phrase);
  let best: { score: number; date: LocalDate } | undefined;
  for (const day of hours.specialDays) {
    if (day.date < today) continue;
    for (const { whole, stem } of matchableNames(day)) {
      // The longest matching name is the most specific: "2. pääsiäispäivä" over "pääsiäispäivä".
      const score = phrases.some((phrase) => inflectionOf(phrase, whole))
        ? 1000 + whole.length
        : phrases.some((phrase) => inflectionOf(phrase, stem))
          ? stem.length
          : 0;
      if (score > 0 && (!best || score > best.score || (score === best.score && day.date < best.date))) best = { score, date: day.date };
    }
  }
  return best?.date;
}

type SpecialDay = SpecialDaySource['specialDays'][number];

/** Each special day's names as matched, per day of the loaded hours file: they were folded and stemmed anew for every question (2 % of a FAQ turn's CPU). */
const namesOfDay = new WeakMap<SpecialDay, { whole: string; stem: string }[]>();

function matchableNames(day: SpecialDay): { whole: string; stem: string }[] {
  let names = namesOfDay.get(day);
  if (!names) {
    names = Object.values(day.name).map((name) => ({ whole: fold(name).replace(/[^\p{L}\p{N}]+/gu, ''), stem: stemOf(name) }));
    namesOfDay.set(day, names);
  }
  return names;
}

/** "Juhannusaatto" -> "juhannus", "New Year's Eve" -> "newyear", "Loppiainen" -> "loppiai" (loppiaisena). */
function stemOf(name: string): string {
  const words = fold(name)
    .replace(/'s\b/g, '')
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
  while (words.length > 1 && NAME_TAIL_WORDS.has(words.at(-1)!)) words.pop();
  return words
    .join('')
    .replace(/(aatto|paiva)$/, '')
    .replace(/nen$/, '');
}

/** "juhannuksena" is a form of "juhannus": same start, allowing Finnish stem changes in the last letters. */
function inflectionOf(word: string, stem: string): boolean {
  // Short stems such as "may" (May Day) are English words; only the whole name ("may day") matches them.
  if (stem.length < 5) return false;
  if (word.startsWith(stem)) return true;
  if (stem.length < 7) return false;
  let shared = 0;
  while (shared < stem.length && word[shared] === stem[shared]) shared++;
  return shared >= stem.length - 2;
}

function fold(text: string): string {
  return text.toLowerCase().replace(/[äå]/g, 'a').replace(/ö/g, 'o');
}
