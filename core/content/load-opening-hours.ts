import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../languages.js';
import { sortProblems, type ContentProblem } from './problem.js';
import { asRecord } from './as-record.js';
import { YamlFile } from './yaml-file.js';

export const OPENING_HOURS_FILE = 'hours/opening-hours.yaml';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** "08:00"-"18:00" local time (close may be "24:00"), or closed. */
export type OpeningHoursDay = { open: string; close: string } | 'closed';

/** The validated file; the same shape as hours' `HoursConfig`, declared here so content does not import hours. */
export interface OpeningHours {
  timezone: string;
  agents: string;
  channels: Record<string, Record<(typeof WEEKDAYS)[number], OpeningHoursDay>>;
  exceptions: { date: string; name: Record<Language, string>; hours: Record<string, OpeningHoursDay> }[];
}

const RANGE = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]|24):([0-5]\d)$/;
const RANGE_HINT = 'write "HH:MM-HH:MM" such as "08:00-18:00", or closed';

const dayHours = z
  .string({ error: `must be a time range; ${RANGE_HINT}` })
  .transform((text) => text.trim())
  .superRefine((text, context) => {
    if (text === 'closed') return;
    const match = RANGE.exec(text);
    if (!match) return void context.addIssue({ code: 'custom', message: `"${text}" is not a time range; ${RANGE_HINT}` });
    const [, openHour, openMinute, closeHour, closeMinute] = match.map(Number) as number[];
    if (closeHour === 24 && closeMinute !== 0)
      return void context.addIssue({ code: 'custom', message: `"${text}" ends after 24:00; the latest closing time is 24:00` });
    if (openHour! * 60 + openMinute! >= closeHour! * 60 + closeMinute!) {
      context.addIssue({ code: 'custom', message: `"${text}" must end after it starts; hours past midnight go on the next day as "00:00-02:00"` });
    }
  })
  .transform((text): OpeningHoursDay => (text === 'closed' ? 'closed' : { open: text.slice(0, 5), close: text.slice(6) }));

const channelName = z.string().regex(/^[a-z][a-z0-9_]*$/, { error: 'channel names are lowercase words joined by _' });

const isoDate = z
  .string({ error: 'must be a date such as 2026-12-24' })
  .refine((text) => /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text), {
    error: 'must be a real date written as YYYY-MM-DD, such as 2026-12-24',
  });

const nameText = z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' });

const openingHoursSchema = z.strictObject({
  version: z.literal('1', { error: 'must be 1 (the only format version so far)' }),
  timezone: z
    .string({ error: 'must be a time zone such as Europe/Helsinki' })
    .default('Europe/Helsinki')
    .refine(isTimeZone, { error: 'is not a time zone the server knows; use an IANA name such as Europe/Helsinki' }),
  agents: channelName,
  channels: z.record(
    channelName,
    z.strictObject(Object.fromEntries(WEEKDAYS.map((day) => [day, dayHours])) as Record<(typeof WEEKDAYS)[number], typeof dayHours>, {
      error: `must give hours for every weekday (${WEEKDAYS.join(', ')})`,
    }),
    { error: 'must map channel names (phone, chat, store) to weekly hours' },
  ),
  exceptions: z
    .array(
      z.strictObject({
        date: isoDate,
        name: z.strictObject(Object.fromEntries(LANGUAGES.map((language) => [language, nameText])) as Record<Language, typeof nameText>, {
          error: `must have a name in every language (${LANGUAGES.join(', ')})`,
        }),
        hours: z.record(channelName, dayHours, { error: 'must map channel names to hours or closed' }),
      }),
      { error: 'must be a list of special days with date, name and hours' },
    )
    .default([]),
});

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Loads hours/opening-hours.yaml, collecting every problem as `file:line: message` (see `formatProblem`).
 * On errors `hours` is undefined, never half-loaded: a wrong "open" is worse than no answer.
 */
export async function loadOpeningHours(contentRoot: string, file: string = OPENING_HOURS_FILE): Promise<{ hours?: OpeningHours; problems: ContentProblem[] }> {
  let text: string;
  try {
    text = await readFile(path.join(contentRoot, file), 'utf8');
  } catch (error) {
    return { problems: [{ file, line: 1, severity: 'error', message: `cannot read the file (${(error as Error).message})` }] };
  }
  const { yaml, problems } = YamlFile.parse(file, text);
  if (problems.some((problem) => problem.severity === 'error')) return { problems };
  const result = yaml.validate(openingHoursSchema);
  problems.push(...result.problems);
  problems.push(...crossCheck(file, yaml));
  const ok = result.data !== undefined && !problems.some((problem) => problem.severity === 'error');
  return ok ? { hours: result.data as OpeningHours, problems: sortProblems(problems) } : { problems: sortProblems(problems) };
}

/**
 * Checks that tie the sections together, read from the raw data so a bad time range in one place
 * does not hide a holiday that forgets a channel in another.
 */
function crossCheck(file: string, yaml: YamlFile): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const data = asRecord(yaml.data);
  const channels = Object.keys(asRecord(data.channels));
  const known = `the file has ${channels.join(', ')}`;
  if (typeof data.channels === 'object' && data.channels !== null && !Array.isArray(data.channels) && channels.length === 0)
    problems.push({ file, line: yaml.lineOf(['channels']), severity: 'error', message: 'channels must list at least one channel' });
  if (typeof data.agents === 'string' && channels.length > 0 && !channels.includes(data.agents.trim())) {
    problems.push({ file, line: yaml.lineOf(['agents']), severity: 'error', message: `agents names the channel "${data.agents.trim()}", but ${known}` });
  }
  const firstLine = new Map<string, number>();
  const exceptions = Array.isArray(data.exceptions) ? (data.exceptions as unknown[]) : [];
  exceptions.forEach((raw, index) => {
    const exception = asRecord(raw);
    if (typeof exception.date === 'string') {
      const line = yaml.lineOf(['exceptions', index, 'date']);
      const first = firstLine.get(exception.date);
      if (first !== undefined) {
        problems.push({ file, line, severity: 'error', message: `exceptions[${index}].date ${exception.date} is already at line ${first}; keep one` });
      } else firstLine.set(exception.date, line);
    }
    if (!('hours' in exception)) return;
    const hours = asRecord(exception.hours);
    for (const channel of Object.keys(hours)) {
      if (!channels.includes(channel)) {
        problems.push({
          file,
          line: yaml.lineOf(['exceptions', index, 'hours', channel]),
          severity: 'error',
          message: `exceptions[${index}].hours.${channel} is not a channel; ${known}`,
        });
      }
    }
    // A holiday that forgets a channel would silently use that weekday's hours and promise service on Christmas Day.
    for (const channel of channels) {
      if (!(channel in hours)) {
        problems.push({
          file,
          line: yaml.lineOf(['exceptions', index, 'hours']),
          severity: 'error',
          message: `exceptions[${index}].hours.${channel} is missing; give its hours or closed`,
        });
      }
    }
  });
  return problems;
}
