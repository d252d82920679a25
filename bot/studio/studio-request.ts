import { z } from 'zod';
import { LANGUAGES } from '../../core/index.js';

const language = z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(', ')}` });
const itemIds = z
  .array(z.string().regex(/^[0-9a-f]{16}$/, { error: 'must be inbox item ids' }), { error: 'must be a list of inbox item ids' })
  .max(5_000, { error: 'must list at most 5000 items' });
/** A phrase as it will stand on one line of an intent file. */
const phrase = z
  .string({ error: 'is required' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(300, { error: 'must be at most 300 characters' })
  .refine((text) => !/[\u0000-\u001f\u007f]/.test(text), { error: 'must be one line without control characters' });
const moment = z.iso.datetime({ offset: true, error: 'must be a date and time in ISO 8601, e.g. 2026-11-25T00:00:00+02:00' });

export const inboxQuery = z.object({ language: language.optional(), from: moment.optional(), to: moment.optional() });

export const ignoreBody = z.object({ ids: itemIds.min(1, { error: 'must name at least one item' }) });

export const addExampleBody = z.object({
  ids: itemIds.default([]),
  intent: z.string({ error: 'is required (the intent to add the example to)' }).min(1, { error: 'is required (the intent to add the example to)' }),
  language,
  text: phrase,
});

export const outOfScopeBody = z.object({ ids: itemIds.default([]), language, text: phrase });

export const tryBody = z.object({
  text: z.string({ error: 'is required' }).trim().min(1, { error: 'must not be empty' }).max(500, { error: 'must be at most 500 characters' }),
  language: language.optional(),
});

/** How many lines one batch may test. */
export const MAX_BATCH_LINES = 1_000;

export const batchBody = z.object({
  text: z.string({ error: 'is required: the phrases, one a line' }).max(200_000, { error: 'must be at most 200000 characters' }),
  language: language.optional(),
});
