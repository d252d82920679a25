import type { Language } from '../../core/index.js';
import { daysBetween, formatDate, formatTime, localDateOf, localMinutesOf, type Texts } from './index.js';

/**
 * A moment as a customer reads it, in the service's time zone: "tänään klo 7.40", "eilen klo 22.10",
 * "23.11. klo 7.40" / "today at 7:40", "on 23 November at 7:40".
 */
export function momentPhrase(at: Date, now: Date, timeZone: string, language: Language, texts: Texts): string {
  const minutes = localMinutesOf(at, timeZone);
  const time = formatTime(`${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`, language);
  const date = localDateOf(at, timeZone);
  const days = daysBetween(localDateOf(now, timeZone), date);
  const key = days === 0 ? 'time_today' : days === -1 ? 'time_yesterday' : days === 1 ? 'time_tomorrow' : 'time_other_day';
  return texts(key, { time, date: formatDate(date, language) }) ?? `${formatDate(date, language)} ${time}`;
}
