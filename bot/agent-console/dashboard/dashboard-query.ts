import { z } from 'zod';
import { DASHBOARD_CHARTS, localTimeOf, type DashboardChart, type ReportPeriod } from '../../../handoff/index.js';

/** The longest period one request may ask for: a year and a day (a leap year's worth of days). */
export const MAX_PERIOD_DAYS = 366;
/** Without from/to: the last seven days, today included. */
export const DEFAULT_PERIOD_DAYS = 7;

const localDate = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date as YYYY-MM-DD' })
    // Only once the shape is right: "2026-11-31" rolls over to 1 December in Date, so it must read back the same.
    // ("2026-13-45" is no date at all: Date gives NaN, and toISOString would throw.)
    .refine(
      (text) =>
        !/^\d{4}-\d{2}-\d{2}$/.test(text) || (Number.isFinite(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text)),
      {
        error: 'is not a date in the calendar',
      },
    );

/** `chart:key`, e.g. "heatmap:conversations:1-09": the point whose list to show. */
const drill = z
  .string()
  .regex(/^[a-z_]+:[A-Za-z0-9_:-]{1,100}$/, { error: 'must be chart:key, e.g. daily:handoffs:2026-11-23' })
  .refine((text) => (DASHBOARD_CHARTS as readonly string[]).includes(text.slice(0, text.indexOf(':'))), {
    error: `must start with one of the charts: ${DASHBOARD_CHARTS.join(', ')}`,
  });

const query = z.object({ from: localDate().optional(), to: localDate().optional(), drill: drill.optional() });

export interface DashboardQuery {
  period: ReportPeriod;
  drill?: { chart: DashboardChart; key: string };
}

/**
 * The dashboard's query string: the period (from/to in the service's time zone, both included; the
 * last seven days by default) and the point to drill into. A problem names the field, for a 400.
 */
export function parseDashboardQuery(
  raw: Record<string, unknown>,
  now: Date,
  timeZone: string,
): { ok: true; query: DashboardQuery } | { ok: false; field: string; problem: string } {
  const parsed = query.safeParse({ from: raw.from, to: raw.to, drill: raw.drill });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, field: String(issue.path[0] ?? 'query'), problem: issue.message };
  }
  const to = parsed.data.to ?? localTimeOf(now.toISOString(), timeZone).date;
  const from = parsed.data.from ?? shiftDate(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (from > to) return { ok: false, field: 'from', problem: `(${from}) is after to (${to})` };
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days > MAX_PERIOD_DAYS) return { ok: false, field: 'to', problem: `makes a period of ${days} days; ask for at most ${MAX_PERIOD_DAYS}` };
  const point = parsed.data.drill;
  const split = point?.indexOf(':') ?? -1;
  return {
    ok: true,
    query: {
      period: { from, to, timeZone },
      ...(point ? { drill: { chart: point.slice(0, split) as DashboardChart, key: point.slice(split + 1) } } : {}),
    },
  };
}

export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
