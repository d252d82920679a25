/** Where an instant falls in the service's time zone: its date, ISO weekday (1 = Monday) and hour. */
export interface LocalTime {
  /** "2026-11-23" */
  date: string;
  /** 1 (Monday) to 7 (Sunday), as ISO 8601 numbers them. */
  weekday: number;
  /** 0..23 */
  hour: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const formats = new Map<string, Intl.DateTimeFormat>();
/** The zone's offset (minutes) through one UTC day or hour, or null when it changes inside it (a DST switch). */
const offsets = new Map<string, Map<number, number | null>>();
const OFFSETS_KEPT = 50_000;

/**
 * The local date, weekday and hour of an ISO instant in `timeZone` (an IANA name). The handoff
 * layer cannot use the opening-hours helpers in dialogs/, and needs only this much of them.
 *
 * Intl is slow (tens of microseconds a call on a busy machine), and a year of conversations is
 * hundreds of thousands of instants, so the zone's offset is asked once per UTC day: the same offset
 * at a day's first and last millisecond holds all day (a zone changes it at most once in a day). On
 * the day of a switch the same check is made per hour, and only in the hour of the switch itself is
 * Intl asked about every instant.
 */
export function localTimeOf(at: string, timeZone: string): LocalTime {
  const ms = Date.parse(at);
  const offset = steadyOffset(ms, timeZone, DAY_MS) ?? steadyOffset(ms, timeZone, HOUR_MS) ?? offsetAt(ms, timeZone);
  const local = new Date(ms + offset * 60_000);
  return { date: local.toISOString().slice(0, 10), weekday: ((local.getUTCDay() + 6) % 7) + 1, hour: local.getUTCHours() };
}

/** The offset through the UTC day or hour (`span`) around `ms`, or null when it changes inside it. */
function steadyOffset(ms: number, timeZone: string, span: number): number | null {
  const start = Math.floor(ms / span) * span;
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  // Days and hours share the map: a day's start is also an hour's, so hours are keyed one millisecond off.
  const key = span === DAY_MS ? start : start + 1;
  let offset = zone.get(key);
  if (offset === undefined) {
    const first = offsetAt(start, timeZone);
    offset = first === offsetAt(start + span - 1, timeZone) ? first : null;
    if (zone.size >= OFFSETS_KEPT) zone.clear();
    zone.set(key, offset);
  }
  return offset;
}

/** Minutes the zone is ahead of UTC at `ms` (120 in Helsinki in winter). */
function offsetAt(ms: number, timeZone: string): number {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((part) => [part.type, Number(part.value)]));
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day, parts.hour, parts.minute);
  return Math.round((asUtc - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

/** Every date from `from` to `to` ("2026-11-23"), both included. */
export function datesFrom(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let day = Date.parse(`${from}T00:00:00Z`); day <= Date.parse(`${to}T00:00:00Z`); day += DAY_MS) {
    dates.push(new Date(day).toISOString().slice(0, 10));
  }
  return dates;
}
