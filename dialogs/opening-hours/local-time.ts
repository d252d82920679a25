/**
 * Calendar and wall-clock arithmetic in one IANA time zone, with nothing but Intl.
 * A local date is an ISO string "2026-06-19"; a local time is minutes since midnight (0..1440).
 */
export type LocalDate = string;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const MINUTE = 60_000;
const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    // h23, not hour12: false, because some engines print midnight as "24" with the latter.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * The wall clock at `at`: the instant moved by the zone's offset, read as UTC. The offset comes from
 * `offsetAt` for the whole minute around `at` (remembered, so `formatToParts` runs once per zone and
 * minute instead of a few times per answer: 4 % of a FAQ turn's CPU once). Exact: when the offset at
 * the start and at the end of that minute differ, the zone changes within it, and the wall clock is
 * formatted for this very instant instead.
 */
function wallClock(at: Date, timeZone: string): WallClock {
  const epochMs = at.getTime();
  const minute = Math.floor(epochMs / MINUTE) * MINUTE;
  const offset = offsetAt(minute, timeZone);
  if (offsetAt(minute + MINUTE, timeZone) !== offset) return formatWallClock(at, timeZone);
  const local = new Date(epochMs + offset);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

function formatWallClock(at: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year ?? 0, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/**
 * Offsets already computed, by zone and instant. `instantAt` and `wallClock` ask only for whole
 * minutes, and an opening-hours answer asks for the same few days' instants again and again: without this,
 * `formatToParts` was the largest self-time frame of a FAQ turn under load (5 % of the CPU). The
 * answer is exact (same zone and instant, same offset); the map is cleared when it grows past
 * `MAX_CACHED_OFFSETS`, so it stays small however long the bot runs.
 */
const offsets = new Map<string, Map<number, number>>();
const MAX_CACHED_OFFSETS = 4096;

/** Offset of the zone from UTC at `at`, in milliseconds (Helsinki: +2 h in winter, +3 h in summer). */
function offsetAt(epochMs: number, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  const known = zone.get(epochMs);
  if (known !== undefined) return known;
  const offset = computeOffsetAt(epochMs, timeZone);
  if (zone.size >= MAX_CACHED_OFFSETS) zone.clear();
  zone.set(epochMs, offset);
  return offset;
}

function computeOffsetAt(epochMs: number, timeZone: string): number {
  const wall = formatWallClock(new Date(epochMs), timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

export function localDateOf(at: Date, timeZone: string): LocalDate {
  const wall = wallClock(at, timeZone);
  return isoDate(wall.year, wall.month, wall.day);
}

export function localMinutesOf(at: Date, timeZone: string): number {
  const wall = wallClock(at, timeZone);
  return wall.hour * 60 + wall.minute;
}

/**
 * The instant when the wall clock in `timeZone` shows `minutes` past midnight of `date`.
 * A time that does not exist (the hour skipped in spring) moves forward by the gap; a time that
 * occurs twice (the hour repeated in autumn) is the first occurrence.
 */
export function instantAt(date: LocalDate, minutes: number, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(year, month - 1, day) + minutes * MINUTE;
  // Try both offsets around the guess; without the second pass, times just after a change are an hour off.
  const before = offsetAt(asUtc - DAY / 2, timeZone);
  const after = offsetAt(asUtc + DAY / 2, timeZone);
  for (const offset of [before, after]) {
    const candidate = asUtc - offset;
    if (offsetAt(candidate, timeZone) === offset) return new Date(candidate);
  }
  return new Date(asUtc - before);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY);
  return isoDate(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

export function weekdayOf(date: LocalDate): Weekday {
  return WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7] as Weekday;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/** "08:30" -> 510; "24:00" -> 1440. */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

function isoDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
