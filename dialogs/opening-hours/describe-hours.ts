import type { Language } from '../../core/index.js';
import { daysBetween, localDateOf, localMinutesOf, weekdayOf, WEEKDAYS, type LocalDate } from './local-time.js';
import type { DayHours, ServiceHours } from './service-hours.js';

/**
 * The messages (messages/bot.yaml) the hours answers are written with. Channel names are
 * `hours_channel_<channel>` (as a subject) and `hours_channel_<channel>_in` (Finnish inessive,
 * "chatissa"); a channel without them is called by its id.
 */
export const HOURS_MESSAGES = [
  'hours_open_now',
  'hours_until',
  'hours_until_on',
  'hours_closed_now',
  'hours_closed_for_weeks',
  'hours_all_open_now',
  'hours_all_closed_now',
  'hours_some_open_now',
  'hours_item_open',
  'hours_item_closed',
  'hours_item_closed_for_weeks',
  'hours_day_open',
  'hours_day_closed',
  'hours_day_all_closed',
  'hours_day_list',
  'hours_day_two',
  'hours_day_two_some_closed',
  'hours_day_two_item',
  'hours_item_day_open',
  'hours_item_day_closed',
  'hours_and',
  'hours_label_today',
  'hours_label_tomorrow',
  'hours_label_special',
  'hours_label_special_uninflected',
  'day_today',
  'day_tomorrow',
  'date_weekday',
  ...WEEKDAYS.map((day) => `weekday_${day}` as const),
] as const;

/** A message by name with its {placeholders} filled; undefined when the catalog lacks it. */
export type Texts = (key: string, values?: Record<string, string>) => string | undefined;

export interface HoursQuestion {
  /** From `parseDayExpression`: 'now' or the local date asked about. */
  day: LocalDate | 'now';
  /** The channels asked about; all channels of the file when not given. */
  channels?: readonly string[];
}

/** Locales whose date formats the answers use: "7.12." and "7 December". */
const DATE_LOCALES: Record<Language, string> = { fi: 'fi-FI', en: 'en-GB' };

/**
 * The answer to an opening-hours question, leading with the answer: "Chat on nyt auki klo 18 asti."
 * Three or more channels come as a markdown list. Every word comes from `texts` (messages/bot.yaml).
 */
export function describeHours(hours: ServiceHours, question: HoursQuestion, language: Language, now: Date, texts: Texts): string {
  const say = (key: (typeof HOURS_MESSAGES)[number], values: Record<string, string> = {}) => {
    const text = texts(key, values);
    if (text === undefined) throw new Error(`describeHours(): message '${key}' is missing; add it to messages/bot.yaml`);
    return text;
  };
  const channelName = (channel: string, form: '' | '_in' = '') => texts(`hours_channel_${channel}${form}`) ?? channel;
  const channels = question.channels?.length ? [...question.channels] : hours.channels;
  const today = hours.today(now);
  const time = (at: Date) => {
    const minutes = localMinutesOf(at, hours.timezone);
    return formatTime(`${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`, language);
  };
  const when = (at: Date) => dayPhrase(localDateOf(at, hours.timezone), today, language, texts);

  if (question.day === 'now') {
    const states = channels.map((channel) => ({ channel, ...hours.availability(channel, now) }));
    const untilOf = (closesAt: Date | undefined) =>
      !closesAt
        ? ''
        : localDateOf(closesAt, hours.timezone) === today
          ? say('hours_until', { time: time(closesAt) })
          : say('hours_until_on', { time: time(closesAt), when: when(closesAt) });
    if (channels.length <= 2) {
      return states
        .map((state) => {
          const channel = capitalise(channelName(state.channel));
          if (state.openNow) return say('hours_open_now', { channel, until: untilOf(state.closesAt) }).replace(' .', '.');
          if (!state.nextOpensAt) return say('hours_closed_for_weeks', { channel });
          return say('hours_closed_now', { channel, when: when(state.nextOpensAt), time: time(state.nextOpensAt) });
        })
        .join(' ');
    }
    const open = states.filter((state) => state.openNow).length;
    const header = say(open === states.length ? 'hours_all_open_now' : open === 0 ? 'hours_all_closed_now' : 'hours_some_open_now');
    const items = states.map((state) => {
      const channel = capitalise(channelName(state.channel));
      if (state.openNow) return say('hours_item_open', { channel, until: untilOf(state.closesAt) }).trimEnd();
      if (!state.nextOpensAt) return say('hours_item_closed_for_weeks', { channel });
      return say('hours_item_closed', { channel, when: when(state.nextOpensAt), time: time(state.nextOpensAt) });
    });
    return `${header}\n\n${items.map((item) => `- ${item}`).join('\n')}`;
  }

  const date = question.day;
  const plans = channels.map((channel) => ({ channel, ...hours.hoursOn(channel, date) }));
  const exception = plans.find((plan) => plan.exception)?.exception;
  const day = dayLabel(date, today, exception?.[language], language, texts, say);
  const range = (open: DayHours) => (open === 'closed' ? '' : `${formatTime(open.open, language)}–${formatTime(open.close, language)}`);
  if (plans.length === 1) {
    const plan = plans[0]!;
    const channel = channelName(plan.channel);
    return capitalise(plan.hours === 'closed' ? say('hours_day_closed', { day, channel }) : say('hours_day_open', { day, channel, range: range(plan.hours) }));
  }
  if (plans.every((plan) => plan.hours === 'closed')) return capitalise(say('hours_day_all_closed', { day }));
  const knownNames = plans.every((plan) => texts(`hours_channel_${plan.channel}_in`) !== undefined);
  if (plans.length === 2 && knownNames) {
    const and = ` ${say('hours_and')} `;
    const open = plans
      .filter((plan) => plan.hours !== 'closed')
      .map((plan) => say('hours_day_two_item', { channel: channelName(plan.channel, '_in'), range: range(plan.hours) }))
      .join(and);
    const closed = plans.filter((plan) => plan.hours === 'closed').map((plan) => channelName(plan.channel));
    return capitalise(closed.length === 0 ? say('hours_day_two', { day, open }) : say('hours_day_two_some_closed', { day, open, closed: closed.join(and) }));
  }
  const items = plans.map((plan) => {
    const channel = capitalise(channelName(plan.channel));
    return plan.hours === 'closed' ? say('hours_item_day_closed', { channel }) : say('hours_item_day_open', { channel, range: range(plan.hours) });
  });
  return `${capitalise(say('hours_day_list', { day }))}\n\n${items.map((item) => `- ${item}`).join('\n')}`;
}

/** Finnish "klo 8", "8.30", English "8:00"; "24:00" stays as written. */
export function formatTime(time: string, language: Language): string {
  const [hour, minute] = time.split(':') as [string, string];
  const hours = String(Number(hour));
  if (language === 'fi') return minute === '00' ? hours : `${hours}.${minute}`;
  return `${hours}:${minute}`;
}

/** A local date as the language writes it: "7.12." / "7 December". */
export function formatDate(date: LocalDate, language: Language): string {
  return new Intl.DateTimeFormat(DATE_LOCALES[language], { day: 'numeric', month: language === 'fi' ? 'numeric' : 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/**
 * A coming day as a customer would say it: "tänään", "huomenna", "perjantaina", beyond a week
 * "maanantaina 5.1." / "today", "tomorrow", "on Friday", "on Monday 5 January".
 */
export function dayPhrase(date: LocalDate, today: LocalDate, language: Language, texts: Texts): string {
  const ahead = daysBetween(today, date);
  const word = (key: string, values: Record<string, string> = {}) => texts(key, values) ?? key;
  if (ahead === 0) return word('day_today');
  if (ahead === 1) return word('day_tomorrow');
  const weekday = word(`weekday_${weekdayOf(date)}`);
  if (ahead > 0 && ahead < 7) return weekday;
  return word('date_weekday', { weekday, date: formatDate(date, language) });
}

/** "Sunnuntaina 7.12." / "On Sunday 7 December"; a special day is named: "Juhannusaattona 19.6.", "On Midsummer Eve (19 June)". */
function dayLabel(
  date: LocalDate,
  today: LocalDate,
  special: string | undefined,
  language: Language,
  texts: Texts,
  say: (key: (typeof HOURS_MESSAGES)[number], values?: Record<string, string>) => string,
): string {
  const written = formatDate(date, language);
  if (special) {
    // Finnish names the day in the essive ("Juhannusaattona"); a name the rule cannot inflect keeps its form.
    const inflected = language === 'fi' ? essive(special) : special;
    return inflected
      ? say('hours_label_special', { name: inflected, date: written })
      : say('hours_label_special_uninflected', { name: special, date: written });
  }
  const ahead = daysBetween(today, date);
  if (ahead === 0) return say('hours_label_today', { date: written });
  if (ahead === 1) return say('hours_label_tomorrow', { date: written });
  return say('date_weekday', { weekday: texts(`weekday_${weekdayOf(date)}`) ?? weekdayOf(date), date: written });
}

/**
 * Finnish essive of a special day's name: "Juhannusaatto" -> "Juhannusaattona", "Loppiainen" -> "Loppiaisena".
 * Undefined for names the rule cannot inflect ("Koulutus"); the caller writes "Koulutus 5.3.:" rather than a wrong form.
 */
function essive(name: string): string | undefined {
  if (/nen$/.test(name)) return name.replace(/nen$/, 'sena');
  if (!/[aeiouyäö]$/i.test(name)) return undefined;
  const lastHarmonic = [...name.toLowerCase()].reverse().find((letter) => 'aouäöy'.includes(letter));
  return name + (lastHarmonic && 'äöy'.includes(lastHarmonic) ? 'nä' : 'na');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
