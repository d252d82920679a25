import type { Language } from '../core/index.js';
import { daysBetween, localDateOf, localMinutesOf, weekdayOf, type LocalDate, type Weekday } from './local-time.js';
import type { DayHours, ServiceHours } from './service-hours.js';

/**
 * Customer-facing templates, {placeholders} as in messages/bot.yaml. They move to messages/ when the
 * opening-hours dialog is wired; until then nothing else reads them.
 */
export const HOURS_TEXTS = {
  fi: {
    channels: { phone: ['puhelin', 'puhelimessa'], chat: ['chat', 'chatissa'], store: ['myymälä', 'myymälässä'] } as Record<string, [string, string]>,
    openNow: '{channel} on nyt auki {until}.',
    until: 'klo {time} asti',
    untilOn: '{when} klo {time} asti',
    closedNow: '{channel} on nyt kiinni. Se aukeaa {when} klo {time}.',
    closedForWeeks: '{channel} on nyt kiinni, eikä se aukea kahden viikon sisällä.',
    allOpenNow: 'Olemme nyt auki:',
    allClosedNow: 'Olemme nyt kiinni.',
    someOpenNow: 'Osa palveluista on nyt auki:',
    itemOpen: '{channel}: auki {until}',
    itemClosed: '{channel}: kiinni, aukeaa {when} klo {time}',
    itemClosedForWeeks: '{channel}: kiinni seuraavat kaksi viikkoa',
    dayOpen: '{day} {channel} on auki {range}.',
    dayClosed: '{day} {channel} on kiinni.',
    dayAllClosed: '{day} olemme kiinni.',
    dayList: '{day} palvelemme näin:',
    dayTwo: '{day} palvelemme {open}.',
    dayTwoSomeClosed: '{day} palvelemme {open}, {closed} on kiinni.',
    itemDayOpen: '{channel}: {range}',
    itemDayClosed: '{channel}: kiinni',
    and: ' ja ',
    today: 'tänään',
    tomorrow: 'huomenna',
    weekdays: { mon: 'maanantaina', tue: 'tiistaina', wed: 'keskiviikkona', thu: 'torstaina', fri: 'perjantaina', sat: 'lauantaina', sun: 'sunnuntaina' } as Record<Weekday, string>,
  },
  en: {
    channels: { phone: ['phone', 'phone'], chat: ['chat', 'chat'], store: ['store', 'store'] } as Record<string, [string, string]>,
    openNow: '{channel} is open now {until}.',
    until: 'until {time}',
    untilOn: 'until {time} {when}',
    closedNow: '{channel} is closed now. It opens at {time} {when}.',
    closedForWeeks: '{channel} is closed now and does not open in the next two weeks.',
    allOpenNow: 'We are open now:',
    allClosedNow: 'We are closed now.',
    someOpenNow: 'Some of our channels are open now:',
    itemOpen: '{channel}: open {until}',
    itemClosed: '{channel}: closed, opens at {time} {when}',
    itemClosedForWeeks: '{channel}: closed for the next two weeks',
    dayOpen: '{day}, {channel} is open {range}.',
    dayClosed: '{day}, {channel} is closed.',
    dayAllClosed: '{day}, we are closed.',
    dayList: '{day}, our hours are:',
    dayTwo: '{day}, {open}.',
    dayTwoSomeClosed: '{day}, {open} and {closed} is closed.',
    itemDayOpen: '{channel}: {range}',
    itemDayClosed: '{channel}: closed',
    and: ' and ',
    today: 'today',
    tomorrow: 'tomorrow',
    weekdays: { mon: 'on Monday', tue: 'on Tuesday', wed: 'on Wednesday', thu: 'on Thursday', fri: 'on Friday', sat: 'on Saturday', sun: 'on Sunday' } as Record<Weekday, string>,
  },
} satisfies Record<Language, unknown>;

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export interface HoursQuestion {
  /** From `parseDayExpression`: 'now' or the local date asked about. */
  day: LocalDate | 'now';
  /** The channels asked about; all channels of the file when not given. */
  channels?: readonly string[];
}

/**
 * The answer to an opening-hours question, leading with the answer: "Chat on nyt auki klo 18 asti."
 * Three or more channels come as a markdown list.
 */
export function describeHours(hours: ServiceHours, question: HoursQuestion, language: Language, now: Date): string {
  const texts = HOURS_TEXTS[language];
  const channels = question.channels?.length ? [...question.channels] : hours.channels;
  const today = hours.today(now);
  const time = (at: Date) => {
    const minutes = localMinutesOf(at, hours.timezone);
    return formatTime(`${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`, language);
  };
  const when = (at: Date) => whenPhrase(localDateOf(at, hours.timezone), today, language);

  if (question.day === 'now') {
    const states = channels.map((channel) => ({ channel, ...hours.availability(channel, now) }));
    const untilOf = (closesAt: Date | undefined) =>
      !closesAt ? '' : localDateOf(closesAt, hours.timezone) === today ? fill(texts.until, { time: time(closesAt) }) : fill(texts.untilOn, { time: time(closesAt), when: when(closesAt) });
    if (channels.length <= 2) {
      return states
        .map((state) => {
          const channel = capitalise(channelName(state.channel, language));
          if (state.openNow) return fill(texts.openNow, { channel, until: untilOf(state.closesAt) }).replace(' .', '.');
          if (!state.nextOpensAt) return fill(texts.closedForWeeks, { channel });
          return fill(texts.closedNow, { channel, when: when(state.nextOpensAt), time: time(state.nextOpensAt) });
        })
        .join(' ');
    }
    const open = states.filter((state) => state.openNow).length;
    const header = open === states.length ? texts.allOpenNow : open === 0 ? texts.allClosedNow : texts.someOpenNow;
    const items = states.map((state) => {
      const channel = capitalise(channelName(state.channel, language));
      if (state.openNow) return fill(texts.itemOpen, { channel, until: untilOf(state.closesAt) }).trimEnd();
      if (!state.nextOpensAt) return fill(texts.itemClosedForWeeks, { channel });
      return fill(texts.itemClosed, { channel, when: when(state.nextOpensAt), time: time(state.nextOpensAt) });
    });
    return `${header}\n\n${items.map((item) => `- ${item}`).join('\n')}`;
  }

  const date = question.day;
  const plans = channels.map((channel) => ({ channel, ...hours.hoursOn(channel, date) }));
  const exception = plans.find((plan) => plan.exception)?.exception;
  const day = dayLabel(date, today, exception?.[language], language);
  const range = (open: DayHours) => (open === 'closed' ? '' : `${formatTime(open.open, language)}–${formatTime(open.close, language)}`);
  if (plans.length === 1) {
    const plan = plans[0]!;
    const channel = channelName(plan.channel, language);
    return capitalise(plan.hours === 'closed' ? fill(texts.dayClosed, { day, channel }) : fill(texts.dayOpen, { day, channel, range: range(plan.hours) }));
  }
  if (plans.every((plan) => plan.hours === 'closed')) return capitalise(fill(texts.dayAllClosed, { day }));
  const knownNames = plans.every((plan) => texts.channels[plan.channel]);
  if (plans.length === 2 && knownNames) {
    const open = plans
      .filter((plan) => plan.hours !== 'closed')
      .map((plan) => (language === 'fi' ? `${channelName(plan.channel, language, 1)} ${range(plan.hours)}` : `${channelName(plan.channel, language)} is open ${range(plan.hours)}`))
      .join(texts.and);
    const closed = plans.filter((plan) => plan.hours === 'closed').map((plan) => channelName(plan.channel, language));
    return capitalise(closed.length === 0 ? fill(texts.dayTwo, { day, open }) : fill(texts.dayTwoSomeClosed, { day, open, closed: closed.join(texts.and) }));
  }
  const items = plans.map((plan) => {
    const channel = capitalise(channelName(plan.channel, language));
    return plan.hours === 'closed' ? fill(texts.itemDayClosed, { channel }) : fill(texts.itemDayOpen, { channel, range: range(plan.hours) });
  });
  return `${capitalise(fill(texts.dayList, { day }))}\n\n${items.map((item) => `- ${item}`).join('\n')}`;
}

/** Finnish "klo 8", "8.30", English "8:00"; "24:00" stays as written. */
export function formatTime(time: string, language: Language): string {
  const [hour, minute] = time.split(':') as [string, string];
  const hours = String(Number(hour));
  if (language === 'fi') return minute === '00' ? hours : `${hours}.${minute}`;
  return `${hours}:${minute}`;
}

/** "Sunnuntaina 7.12." / "On Sunday 7 December"; a special day is named: "Juhannusaattona 19.6.", "On Midsummer Eve (19 June)". */
function dayLabel(date: LocalDate, today: LocalDate, special: string | undefined, language: Language): string {
  const [, month, day] = date.split('-').map(Number) as [number, number, number];
  const ahead = daysBetween(today, date);
  if (language === 'fi') {
    const numeric = `${day}.${month}.`;
    if (special) {
      const inflected = essive(special);
      return inflected ? `${inflected} ${numeric}` : `${special} ${numeric}:`;
    }
    if (ahead === 0 || ahead === 1) return `${ahead === 0 ? 'tänään' : 'huomenna'} ${numeric}`;
    return `${HOURS_TEXTS.fi.weekdays[weekdayOf(date)]} ${numeric}`;
  }
  const written = `${day} ${EN_MONTHS[month - 1]}`;
  if (special) return `On ${special} (${written})`;
  if (ahead === 0 || ahead === 1) return `${ahead === 0 ? 'Today' : 'Tomorrow'} (${written})`;
  return `${HOURS_TEXTS.en.weekdays[weekdayOf(date)]} ${written}`;
}

/** When the next opening is: "huomenna", "perjantaina", beyond a week "maanantaina 5.1." */
function whenPhrase(date: LocalDate, today: LocalDate, language: Language): string {
  const texts = HOURS_TEXTS[language];
  const ahead = daysBetween(today, date);
  if (ahead === 0) return texts.today;
  if (ahead === 1) return texts.tomorrow;
  const weekday = texts.weekdays[weekdayOf(date)];
  if (ahead < 7) return weekday;
  const [, month, day] = date.split('-').map(Number) as [number, number, number];
  return language === 'fi' ? `${weekday} ${day}.${month}.` : `${weekday} ${day} ${EN_MONTHS[month - 1]}`;
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

function channelName(channel: string, language: Language, form: 0 | 1 = 0): string {
  return HOURS_TEXTS[language].channels[channel]?.[form] ?? channel;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
