import type { Language } from '../../../core/index.js';
import { fill, type DashboardStrings } from './dashboard-strings.js';

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** How the page writes numbers, dates and durations: Finnish with a decimal comma and "23.11.", English "Nov 23". */
export class DashboardFormat {
  constructor(
    readonly language: Language,
    readonly strings: DashboardStrings,
  ) {}

  number(value: number | null): string {
    if (value === null) return this.strings.none;
    return this.language === 'fi' ? String(value).replace('.', ',') : String(value);
  }

  /** "23.11." / "Nov 23" */
  day(date: string): string {
    const [, month, day] = date.split('-').map(Number) as [number, number, number];
    return this.language === 'fi' ? `${day}.${month}.` : `${EN_MONTHS[month - 1]} ${day}`;
  }

  /** "23.11.2026" / "2026-11-23" */
  date(date: string): string {
    const [year] = date.split('-');
    return this.language === 'fi' ? `${this.day(date)}${year}` : date;
  }

  /** "23.11.2026 klo 9.10" / "2026-11-23 09:10", in the service's time zone. */
  instant(at: string, timeZone: string): string {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        .formatToParts(new Date(at))
        .map((part) => [part.type, part.value]),
    );
    const date = `${parts.year}-${parts.month}-${parts.day}`;
    return this.language === 'fi' ? `${this.date(date)} klo ${Number(parts.hour)}.${parts.minute}` : `${date} ${parts.hour}:${parts.minute}`;
  }

  /** "45 s", "8,5 min" */
  duration(seconds: number | null): string {
    if (seconds === null) return this.strings.none;
    if (seconds < 120) return fill(this.strings.seconds, { n: Math.round(seconds) });
    return fill(this.strings.minutes, { n: this.number(Math.round(seconds / 6) / 10) });
  }
}
