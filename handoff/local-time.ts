/** Where an instant falls in the service's time zone: its date, ISO weekday (1 = Monday) and hour. */
export interface LocalTime {
  /** "2026-11-23" */
  date: string;
  /** 1 (Monday) to 7 (Sunday), as ISO 8601 numbers them. */
  weekday: number;
  /** 0..23 */
  hour: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * The local date, weekday and hour of an ISO instant in `timeZone` (an IANA name). The handoff
 * layer cannot use the opening-hours helpers in dialogs/, and needs only this much of them.
 */
export function localTimeOf(at: string, timeZone: string): LocalTime {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(at)).map((part) => [part.type, part.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday: WEEKDAYS[parts.weekday!]!, hour: Number(parts.hour) };
}

/** Every date from `from` to `to` ("2026-11-23"), both included. */
export function datesFrom(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let day = Date.parse(`${from}T00:00:00Z`); day <= Date.parse(`${to}T00:00:00Z`); day += 86_400_000) {
    dates.push(new Date(day).toISOString().slice(0, 10));
  }
  return dates;
}
