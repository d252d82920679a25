import type { Language } from '../../core/index.js';
import { addDays, instantAt, localDateOf, minutesOf, weekdayOf, type LocalDate, type Weekday } from './local-time.js';

/** Hours of one day: "08:00" to "18:00" local time (close may be "24:00"), or closed. */
export type DayHours = { open: string; close: string } | 'closed';

/**
 * The validated opening-hours file, as `loadOpeningHours` in content/ returns it. Declared again here
 * (structurally the same) so hours/ depends on core/ only.
 */
export interface HoursConfig {
  timezone: string;
  /** The channel in which a person answers; the handoff asks about this one. */
  agents: string;
  channels: Record<string, Record<Weekday, DayHours>>;
  exceptions: { date: LocalDate; name: Record<Language, string>; hours: Record<string, DayHours> }[];
}

export interface DayPlan {
  hours: DayHours;
  /** Set when an exception (holiday, special day) replaces the weekly hours. */
  exception?: Record<Language, string>;
}

export interface Availability {
  openNow: boolean;
  /** When open: the moment it closes (a close at midnight followed by an opening at midnight is not a close). */
  closesAt?: Date;
  /** When closed: the next opening within 14 days, if any. */
  nextOpensAt?: Date;
}

/** How far ahead `nextOpening` looks; past that the answer is "not in the next two weeks". */
export const SEARCH_DAYS = 14;

/** Opening hours per service channel in the service's time zone; exceptions override the weekly hours. */
export class ServiceHours {
  private readonly exceptions: Map<LocalDate, HoursConfig['exceptions'][number]>;

  constructor(private readonly config: HoursConfig) {
    this.exceptions = new Map(config.exceptions.map((exception) => [exception.date, exception]));
  }

  get timezone(): string {
    return this.config.timezone;
  }

  get agentChannel(): string {
    return this.config.agents;
  }

  get channels(): string[] {
    return Object.keys(this.config.channels);
  }

  /** Exceptions in date order, for matching "juhannuksena" or "at christmas" to a date. */
  get specialDays(): readonly { date: LocalDate; name: Record<Language, string> }[] {
    return [...this.config.exceptions].sort((a, b) => a.date.localeCompare(b.date));
  }

  today(at: Date): LocalDate {
    return localDateOf(at, this.config.timezone);
  }

  hoursOn(channel: string, date: LocalDate): DayPlan {
    const weekly = this.weeklyOf(channel, 'hoursOn');
    const exception = this.exceptions.get(date);
    if (exception) return { hours: exception.hours[channel] ?? weekly[weekdayOf(date)], exception: exception.name };
    return { hours: weekly[weekdayOf(date)] };
  }

  isOpen(channel: string, at: Date): boolean {
    this.weeklyOf(channel, 'isOpen');
    const period = this.periodOn(channel, this.today(at));
    return period !== undefined && period.opens <= at && at < period.closes;
  }

  /**
   * The start of the next opening period after `at`, looking 14 days ahead; undefined when none.
   * When the channel is open at `at`, this is the period after the current one.
   */
  nextOpening(channel: string, at: Date): Date | undefined {
    this.weeklyOf(channel, 'nextOpening');
    const today = this.today(at);
    for (let day = 0; day <= SEARCH_DAYS; day++) {
      const period = this.periodOn(channel, addDays(today, day));
      if (period && period.opens > at) return period.opens;
    }
    return undefined;
  }

  /**
   * Is `channel` open at `at`, and if not, when does it next open. The handoff uses this for
   * "when will a person answer" with `agentChannel`.
   * @example hours.availability('chat', new Date('2026-06-19T20:00:00Z')) // midsummer eve 23:00 -> { openNow: false, nextOpensAt: 2026-06-21T07:00Z } (Sunday 10:00)
   */
  availability(channel: string, at: Date): Availability {
    this.weeklyOf(channel, 'availability');
    if (!this.isOpen(channel, at)) {
      const nextOpensAt = this.nextOpening(channel, at);
      return nextOpensAt ? { openNow: false, nextOpensAt } : { openNow: false };
    }
    let date = this.today(at);
    let closes = this.periodOn(channel, date)!.closes;
    // "00:00-24:00" on consecutive days is one long opening; without this a 24/7 chat "closes at midnight".
    for (let day = 0; day < SEARCH_DAYS; day++) {
      date = addDays(date, 1);
      const next = this.periodOn(channel, date);
      if (!next || next.opens.getTime() !== closes.getTime()) return { openNow: true, closesAt: closes };
      closes = next.closes;
    }
    return { openNow: true };
  }

  private periodOn(channel: string, date: LocalDate): { opens: Date; closes: Date } | undefined {
    const { hours } = this.hoursOn(channel, date);
    if (hours === 'closed') return undefined;
    return { opens: instantAt(date, minutesOf(hours.open), this.config.timezone), closes: instantAt(date, minutesOf(hours.close), this.config.timezone) };
  }

  private weeklyOf(channel: string, caller: string): Record<Weekday, DayHours> {
    const weekly = this.config.channels[channel];
    if (!weekly) throw new Error(`ServiceHours.${caller}(): unknown channel "${channel}"; the file has ${this.channels.join(', ')}`);
    return weekly;
  }
}
