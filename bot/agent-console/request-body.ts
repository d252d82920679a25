import type { Request, Response } from 'restify';
import { z } from 'zod';
import { sendError } from '../http/http-server.js';
import { PRESENCE_STATES } from './agent-presence.js';
import { MAX_TAG_LENGTH, MAX_TAGS_PER_CASE, normaliseTag } from '../../handoff/index.js';

export const signInBody = z.object({
  login: z.string({ error: 'is required' }).trim().toLowerCase().min(1, { error: 'is required' }).max(40, { error: 'is at most 40 characters' }),
  password: z.string({ error: 'is required' }).min(1, { error: 'is required' }).max(200, { error: 'is at most 200 characters' }),
});

export const replyBody = z.object({
  text: z.string({ error: 'is required' }).trim().min(1, { error: 'must not be empty' }).max(2000, { error: 'must be at most 2000 characters' }),
});

export const noteBody = z.object({
  text: z.string({ error: 'is required' }).trim().min(1, { error: 'must not be empty' }).max(4000, { error: 'must be at most 4000 characters' }),
});

const transferTo = 'is required: the login of the agent (to) or the name of the team (team) to transfer to';

/** To one agent (`to`, as before) or to a team's queue (`team`), with an optional note for whoever receives it. */
export const transferBody = z
  .object({
    to: z.string({ error: 'must be the login of an agent' }).trim().min(1, { error: transferTo }).optional(),
    team: z.string({ error: 'must be the name of a team' }).trim().min(1, { error: 'must not be empty' }).optional(),
    note: z.string({ error: 'must be text' }).trim().max(1000, { error: 'must be at most 1000 characters' }).optional(),
  })
  .superRefine((body, context) => {
    if (body.to === undefined && body.team === undefined) context.addIssue({ code: 'custom', path: ['to'], message: transferTo });
    if (body.to !== undefined && body.team !== undefined) context.addIssue({ code: 'custom', path: ['team'], message: 'give either to or team, not both' });
  });

export const presenceBody = z.object({
  status: z.enum(PRESENCE_STATES, { error: `is required: one of ${PRESENCE_STATES.join(', ')}` }),
});

/** To an agent (login), or null for the shared queue. */
export const reassignBody = z.object({
  to: z
    .string({ error: 'is required: the login of an agent, or null for the queue' })
    .trim()
    .min(1, { error: 'must not be empty (null: the queue)' })
    .nullable(),
});

export const closeBody = z.object({
  resolution: z
    .string({ error: 'is required (a short note on how the case was resolved)' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(500, { error: 'must be at most 500 characters' }),
});

export interface FieldProblem {
  field: string;
  message: string;
}

/** The body parsed by `schema`, or undefined after answering 400 with every failing field named. */
export function parseBody<T extends z.ZodType>(schema: T, req: Request, res: Response): z.output<T> | undefined {
  const body: unknown = req.body === undefined || req.body === '' ? {} : req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    sendError(res, 400, 'invalid_request', 'the body must be a JSON object', [{ field: '(body)', message: 'must be a JSON object' }]);
    return undefined;
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const problems: FieldProblem[] = parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message }));
  sendError(res, 400, 'invalid_request', problems.map((problem) => `${problem.field} ${problem.message}`).join('; '), problems);
  return undefined;
}

/** 400 naming one field, for checks zod cannot make (e.g. an unknown agent). */
export function fieldError(res: Response, field: string, message: string): void {
  sendError(res, 400, 'invalid_request', `${field} ${message}`, [{ field, message }]);
}

const tagList = z
  .array(
    z.string({ error: 'must be text' }).transform((text, context) => {
      const tag = normaliseTag(text);
      if (!tag) context.addIssue({ code: 'custom', message: `must be 1–${MAX_TAG_LENGTH} letters, digits, spaces, "-" or "_"` });
      return tag ?? '';
    }),
    { error: 'must be a list of tags' },
  )
  .max(MAX_TAGS_PER_CASE, { error: `must list at most ${MAX_TAGS_PER_CASE} tags` })
  .default([]);

export const tagsBody = z
  .object({ add: tagList, remove: tagList })
  .refine((body) => body.add.length + body.remove.length > 0, { error: 'must name at least one tag to add or remove', path: ['add'] });
