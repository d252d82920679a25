import { z } from 'zod';
import { safeIdSchema } from './safe-id-schema.js';

/** Longest message text we accept; longer is almost always a paste mistake or abuse. */
export const MAX_TEXT_LENGTH = 5000;

/**
 * The fields of an incoming activity the bot relies on. Checked before the adapter sees the body,
 * so a bad request gets a 400 naming the field instead of an exception deep in botbuilder.
 */
export const incomingActivitySchema = z
  .looseObject({
    type: z.string({ error: 'is required (e.g. "message")' }).min(1, { error: 'must not be empty' }),
    // The ids end up in store keys, logs and URLs: `..`, "/", control characters or 300 characters are refused here.
    channelId: safeIdSchema('is required (e.g. "webchat")'),
    conversation: z.looseObject({ id: safeIdSchema() }, { error: 'is required: { "id": "..." }' }),
    from: z.looseObject({ id: safeIdSchema() }, { error: 'is required: { "id": "..." }' }),
    recipient: z.looseObject({ id: safeIdSchema() }, { error: 'must be { "id": "..." }' }).optional(),
    serviceUrl: z.string().optional(),
    deliveryMode: z.string().optional(),
    text: z.string({ error: 'must be text' }).max(MAX_TEXT_LENGTH, { error: `is longer than ${MAX_TEXT_LENGTH} characters` }).optional(),
    locale: z.string({ error: 'must be text such as "fi-FI"' }).optional(),
  })
  .superRefine((activity, context) => {
    if (activity.deliveryMode !== 'expectReplies' && !activity.serviceUrl) {
      context.addIssue({ code: 'custom', path: ['serviceUrl'], message: 'is required unless deliveryMode is "expectReplies" (the bot needs somewhere to send replies)' });
    }
  });

/** "conversation.id is required" style messages, one per problem. */
export function describeActivityProblems(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['the body must be a JSON object (a Bot Framework activity)'];
  const result = incomingActivitySchema.safeParse(body);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.map(String).join('.') || 'activity'} ${issue.message}`);
}
