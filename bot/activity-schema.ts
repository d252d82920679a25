import { z } from 'zod';

/** Longest message text we accept; longer is almost always a paste mistake or abuse. */
export const MAX_TEXT_LENGTH = 5000;

/**
 * The fields of an incoming activity the bot relies on. Checked before the adapter sees the body,
 * so a bad request gets a 400 naming the field instead of an exception deep in botbuilder.
 */
export const incomingActivitySchema = z
  .looseObject({
    type: z.string({ error: 'is required (e.g. "message")' }).min(1, { error: 'must not be empty' }),
    channelId: z.string({ error: 'is required (e.g. "webchat")' }).min(1, { error: 'must not be empty' }),
    conversation: z.looseObject({ id: z.string({ error: 'is required' }).min(1, { error: 'must not be empty' }) }, { error: 'is required: { "id": "..." }' }),
    from: z.looseObject({ id: z.string({ error: 'is required' }).min(1, { error: 'must not be empty' }) }, { error: 'is required: { "id": "..." }' }),
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
