import type { Outage, OutageService } from './outage-feed-schema.js';
import type { Language } from '../../core/index.js';
import type { Texts } from '../opening-hours/index.js';
import { samePlace, type PlaceMention } from './places/index.js';
import { momentPhrase } from '../opening-hours/moment-phrase.js';

export interface OutageWording {
  texts: Texts;
  language: Language;
  now: Date;
  timeZone: string;
}

/** Outages that concern a customer now: not resolved, and planned work only until it ends. */
export function currentOutages(outages: readonly Outage[], now: Date): Outage[] {
  return outages.filter((outage) => outage.status !== 'resolved' && !(outage.status === 'planned' && outage.estimatedEnd && outage.estimatedEnd <= now));
}

/** The outages a place touches: by area name (any case, with or without dots) or by postal code. */
export function outagesAt(outages: readonly Outage[], place: PlaceMention): Outage[] {
  return outages.filter(
    (outage) =>
      (place.area !== undefined && outage.areas.some((area) => samePlace(area, place.area!))) ||
      (place.postalCode !== undefined && outage.postalCodes.includes(place.postalCode)),
  );
}

/**
 * The outages worth telling a customer who asks about `asked` services: those services, and power cuts
 * when the editors wrote how a power cut explains one of them (`outage_power_explains_<service>`).
 * Every outage when they named no service.
 */
export function relevantOutages(outages: readonly Outage[], asked: readonly OutageService[], texts: OutageWording['texts']): Outage[] {
  if (asked.length === 0) return [...outages];
  return outages.filter((outage) => asked.includes(outage.service) || explainsAsked(outage, asked, texts));
}

/**
 * The answer for the customer's place, leading with yes or no: one outage as sentences (what, where,
 * since when, estimated fix, where to follow), several as a list, none as a plain "no" with self-help.
 * With `asked` services it answers only about them ("no power cut in Helsinki"), says how a power cut
 * there explains an internet fault, names other outages in the area and gives that service's self-help.
 */
export function describeOutagesAt(outages: readonly Outage[], place: PlaceMention, wording: OutageWording, asked: readonly OutageService[] = []): string {
  const say = sayWith(wording.texts);
  const here = outagesAt(outages, place);
  const area = [place.postalCode, place.area].filter(Boolean).join(' ');
  if (asked.length === 0) {
    if (here.length === 0) return `${say('outage_none_here', { area })}\n\n${say('outage_self_help')}`;
    return describeFound(here, wording);
  }
  const fitting = here.filter((outage) => asked.includes(outage.service));
  const explaining = here.filter((outage) => !asked.includes(outage.service) && explainsAsked(outage, asked, wording.texts));
  const paragraphs = fitting.length > 0 ? [describeFound(fitting, wording)] : [];
  for (const outage of explaining) paragraphs.push(explanation(outage, asked, wording));
  if (paragraphs.length > 0) return paragraphs.join('\n\n');
  const others = here.map((outage) =>
    say('outage_other_here', { service: serviceName(outage, wording), areas: outage.areas.join(', '), url: outage.updatesUrl }),
  );
  return [
    `${say('outage_none_here_service', { area, services: pluralNames(asked, wording) })}${others.map((other) => ` ${other}`).join('')}`,
    selfHelp(asked, wording),
  ].join('\n\n');
}

/** Every current outage, for a customer whose place is unknown; `recognised` false adds that the place was not understood. */
export function describeAllOutages(outages: readonly Outage[], wording: OutageWording, recognised: boolean, asked: readonly OutageService[] = []): string {
  const say = sayWith(wording.texts);
  const relevant = relevantOutages(outages, asked, wording.texts);
  if (relevant.length === 0) {
    if (asked.length === 0) return `${say('outage_none')}\n\n${say('outage_self_help')}`;
    return `${say('outage_none_service', { services: pluralNames(asked, wording) })}\n\n${selfHelp(asked, wording)}`;
  }
  return `${say(recognised ? 'outage_all' : 'outage_area_not_recognised')}\n\n${list(relevant, wording)}`;
}

function describeFound(here: readonly Outage[], wording: OutageWording): string {
  const say = sayWith(wording.texts);
  if (here.length === 1) {
    const outage = here[0]!;
    const intro = say('outage_one_here', { service: serviceName(outage, wording), areas: outage.areas.join(', ') });
    return `${intro} ${details(outage, wording, false)}\n\n${say('outage_follow', { url: outage.updatesUrl })}`;
  }
  return `${say('outage_many_here', { count: String(here.length) })}\n\n${list(here, wording)}`;
}

/** A power cut is the cause of a fault in an asked service when the editors wrote how (`outage_power_explains_<service>`). */
function explainsAsked(outage: Outage, asked: readonly OutageService[], texts: OutageWording['texts']): boolean {
  return outage.service === 'electricity' && asked.some((service) => texts(`outage_power_explains_${service}`, {}) !== undefined);
}

/** "There is a power cut in your area, and it explains the internet outage too: …", then its status, start, fix and link. */
function explanation(outage: Outage, asked: readonly OutageService[], wording: OutageWording): string {
  const say = sayWith(wording.texts);
  const service = asked.find((candidate) => wording.texts(`outage_power_explains_${candidate}`, {}) !== undefined)!;
  const intro = say(`outage_power_explains_${service}`, { areas: outage.areas.join(', ') });
  return `${intro} ${details(outage, wording, false)}\n\n${say('outage_follow', { url: outage.updatesUrl })}`;
}

/** Self-help that fits the service: fuses for a power cut, the modem for the internet. */
function selfHelp(asked: readonly OutageService[], wording: OutageWording): string {
  const say = sayWith(wording.texts);
  return [say('outage_self_help_intro'), ...asked.map((service) => say(`outage_self_help_${service}`)), say('outage_self_help_outro')].join('\n\n');
}

/** "sähkökatkoja tai internet-häiriöitä" / "power outages or internet outages". */
function pluralNames(asked: readonly OutageService[], wording: OutageWording): string {
  const say = sayWith(wording.texts);
  return asked.map((service) => say(`outage_service_${service}_plural`)).join(` ${say('outage_or')} `);
}

function list(outages: readonly Outage[], wording: OutageWording): string {
  const say = sayWith(wording.texts);
  return outages
    .map(
      (outage) =>
        `- ${say('outage_item', { service: capitalise(serviceName(outage, wording)), areas: outage.areas.join(', '), details: details(outage, wording, true) })}`,
    )
    .join('\n');
}

/** Status, since when, the fix estimate and (in a list) where to follow: "Korjaus on käynnissä. Häiriö alkoi tänään klo 7.40. ..." */
function details(outage: Outage, wording: OutageWording, withFollow: boolean): string {
  const say = sayWith(wording.texts);
  const moment = (at: Date) => momentPhrase(at, wording.now, wording.timeZone, wording.language, wording.texts);
  const sentences = [say(`outage_status_${outage.status}`)];
  if (outage.status === 'planned' && outage.start > wording.now) sentences.push(say('outage_begins', { start: moment(outage.start) }));
  else sentences.push(say('outage_began', { since: moment(outage.start) }));
  if (outage.status === 'planned') {
    if (outage.estimatedEnd) sentences.push(say('outage_planned_end', { end: moment(outage.estimatedEnd) }));
  } else if (!outage.estimatedEnd) sentences.push(say('outage_fix_unknown'));
  else if (outage.estimatedEnd > wording.now) sentences.push(say('outage_fix_estimate', { fix: moment(outage.estimatedEnd) }));
  else sentences.push(say('outage_fix_overdue', { fix: moment(outage.estimatedEnd) }));
  if (withFollow) sentences.push(say('outage_follow', { url: outage.updatesUrl }));
  return sentences.join(' ');
}

function serviceName(outage: Outage, wording: OutageWording): string {
  return wording.texts(`outage_service_${outage.service}`) ?? outage.service;
}

function sayWith(texts: Texts) {
  return (key: string, values: Record<string, string> = {}) => {
    const text = texts(key, values);
    if (text === undefined) throw new Error(`describeOutages(): message '${key}' is missing; add it to messages/bot.yaml`);
    return text;
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
