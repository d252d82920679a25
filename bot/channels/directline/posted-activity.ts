import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { maskActivity } from '../../../core/index.js';

/** Longest customer message accepted; Web Chat has no limit of its own. */
export const MAX_TEXT_LENGTH = 4000;
/**
 * Largest `value`, `channelData` and `entities` accepted, in bytes as JSON. Web Chat sends a suggested action's
 * value (`{ intent }`) and a client activity id; 200 KB events held in the history were M5.
 */
export const MAX_FIELD_BYTES = 4096;

const jsonBytesAtMost = (value: unknown) => value === undefined || Buffer.byteLength(JSON.stringify(value) ?? '') <= MAX_FIELD_BYTES;

/**
 * What a Direct Line client may post. Unknown fields are dropped; `from.id` is ignored because the
 * token decides who the customer is (a client cannot speak as someone else).
 */
const postedActivityFields = z.object({
  // One `event` only, the chat page's read receipt: the bot handles no other from customers, and Web Chat sends none (M5).
  type: z.enum(['message', 'typing', 'event'], { error: 'must be message or typing' }),
  text: z
    .string({ error: 'must be text' })
    .max(MAX_TEXT_LENGTH, { error: `must be at most ${MAX_TEXT_LENGTH} characters` })
    .optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: z.string().max(35, { error: 'must be a locale such as fi-FI' }).optional(),
  name: z.string().max(200).optional(),
  value: z
    .unknown()
    .optional()
    .refine(jsonBytesAtMost, { error: `must be at most ${MAX_FIELD_BYTES} bytes as JSON` }),
  channelData: z
    .record(z.string(), z.unknown(), { error: 'must be an object' })
    .optional()
    .refine(jsonBytesAtMost, { error: `must be at most ${MAX_FIELD_BYTES} bytes as JSON` }),
  entities: z
    .array(z.record(z.string(), z.unknown()))
    .max(20)
    .optional()
    .refine(jsonBytesAtMost, { error: `must be at most ${MAX_FIELD_BYTES} bytes as JSON` }),
  from: z.object({ name: z.string().max(200).optional() }).optional(),
  attachments: z.array(z.unknown()).max(0, { error: 'are not supported by this Direct Line (no uploads)' }).optional(),
});

/** The chat page's read receipt (chat-receipts.js), handled by bot/turn/read-receipts.ts; never kept in the history. */
export const READ_RECEIPT_EVENT = 'vastaa.seen';

export const postedActivitySchema = postedActivityFields.superRefine((activity, context) => {
  if (activity.type === 'event' && activity.name !== READ_RECEIPT_EVENT) {
    context.addIssue({ code: 'custom', path: ['type'], message: `must be message or typing (the one event taken is ${READ_RECEIPT_EVENT})` });
  }
});

export type PostedActivity = z.output<typeof postedActivitySchema>;

/** The start-conversation body Direct Line clients send (Web Chat: `{ user: { id }, locale }`). */
export const startConversationSchema = z.object({ locale: z.string().max(35, { error: 'must be a locale such as fi-FI' }).optional() }).optional();

/**
 * The copy of a customer's activity the conversation keeps (Web Chat's echo, and the history a
 * reconnect replays for up to an hour), with personal data masked in every field. Keeping the posted
 * activity as it came held every card a customer typed in memory unmasked. The turn itself gets the
 * original: PersonalDataMiddleware masks it there and notes what it found, which starts the handoff.
 */
export function historyCopyOf(activity: Partial<Activity>): Partial<Activity> {
  return maskActivity(activity).activity;
}
