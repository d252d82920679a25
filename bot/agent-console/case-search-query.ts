import { z } from 'zod';
import { CASE_STATUSES, HANDOFF_REASONS, normaliseTag, type CaseFilters } from '../../handoff/index.js';
import { addDays, instantAt } from '../../dialogs/opening-hours/index.js';

/** Results per page when the query does not say; a page never holds more than MAX_PAGE_SIZE. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 50;
/** How far one search may page: past this the agent should narrow the search (and the server is spared). */
export const MAX_OFFSET = 1000;

const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date as YYYY-MM-DD', abort: true })
  .refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text), {
    error: 'is not a real date',
  });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` })
    .optional();

/** The query string of GET /api/agent/search, as zod checks it; every problem names its parameter. */
export const caseSearchQuery = z
  .strictObject(
    {
      text: optionalText(200),
      customer: optionalText(300),
      caseId: optionalText(40),
      from: localDate.optional(),
      to: localDate.optional(),
      reason: z.enum(HANDOFF_REASONS, { error: `must be one of ${Object.values(HANDOFF_REASONS).join(', ')}` }).optional(),
      tag: z
        .string()
        .optional()
        .transform((text, context) => {
          if (text === undefined || text.trim() === '') return undefined;
          const tag = normaliseTag(text);
          if (!tag) context.addIssue({ code: 'custom', message: 'must be 1–40 letters, digits, spaces, "-" or "_"' });
          return tag;
        }),
      agent: optionalText(40),
      status: z
        .string()
        .optional()
        .transform((text, context) => {
          if (text === undefined || text.trim() === '') return undefined;
          const statuses = text.split(',').map((part) => part.trim());
          const unknown = statuses.filter((status) => !(status in CASE_STATUSES));
          if (unknown.length > 0) context.addIssue({ code: 'custom', message: `must be a comma-separated list of ${Object.values(CASE_STATUSES).join(', ')}` });
          return statuses as (keyof typeof CASE_STATUSES)[];
        }),
      limit: z.coerce
        .number({ error: 'must be a whole number' })
        .int({ error: 'must be a whole number' })
        .min(1, { error: 'must be at least 1' })
        .max(MAX_PAGE_SIZE, { error: `must be at most ${MAX_PAGE_SIZE}` })
        .default(DEFAULT_PAGE_SIZE),
      offset: z.coerce
        .number({ error: 'must be a whole number' })
        .int({ error: 'must be a whole number' })
        .min(0, { error: 'must be 0 or more' })
        .max(MAX_OFFSET, { error: `must be at most ${MAX_OFFSET}; narrow the search instead` })
        .default(0),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `is not a search parameter (use text, customer, caseId, from, to, reason, tag, agent, status, limit, offset)`
          : undefined,
    },
  )
  .refine((query) => !query.from || !query.to || query.from <= query.to, { error: 'must not be before from', path: ['to'] });

export type CaseSearchQuery = z.output<typeof caseSearchQuery>;

/** The filters for `filterCases`: dates are local days in the service's time zone, `to` inclusive. */
export function filtersOf(query: CaseSearchQuery, timeZone: string): CaseFilters {
  return {
    ...(query.customer ? { customerKey: query.customer } : {}),
    ...(query.caseId ? { caseId: query.caseId } : {}),
    ...(query.from ? { openedFrom: instantAt(query.from, 0, timeZone) } : {}),
    ...(query.to ? { openedBefore: instantAt(addDays(query.to, 1), 0, timeZone) } : {}),
    ...(query.reason ? { reason: query.reason } : {}),
    ...(query.tag ? { tag: query.tag } : {}),
    ...(query.agent ? { agent: query.agent.toLowerCase() } : {}),
    ...(query.status ? { status: query.status } : {}),
  };
}

/** Lower case, accents kept, whitespace collapsed: "Lasku  EI" and "lasku ei" match. */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('fi').replace(/\s+/g, ' ');
}

/** The search words: every one must appear somewhere in the case or its transcript. */
export function termsOf(text: string | undefined): string[] {
  return text ? foldText(text).split(' ').filter(Boolean).slice(0, 10) : [];
}
