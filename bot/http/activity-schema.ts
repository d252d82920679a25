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
    text: z
      .string({ error: 'must be text' })
      .max(MAX_TEXT_LENGTH, { error: `is longer than ${MAX_TEXT_LENGTH} characters` })
      .optional(),
    locale: z.string({ error: 'must be text such as "fi-FI"' }).optional(),
  })
  .superRefine((activity, context) => {
    if (activity.deliveryMode !== 'expectReplies' && !activity.serviceUrl) {
      context.addIssue({
        code: 'custom',
        path: ['serviceUrl'],
        message: 'is required unless deliveryMode is "expectReplies" (the bot needs somewhere to send replies)',
      });
    }
  });

/** "conversation.id is required" style messages, one per problem. */
export function describeActivityProblems(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['the body must be a JSON object (a Bot Framework activity)'];
  const result = incomingActivitySchema.safeParse(body);
  const issues = result.success ? [] : result.error.issues;
  // A field already reported (e.g. `from` missing) is not reported again by the turn-field checks.
  const reported = new Set(issues.map((issue) => issue.path[0]));
  return [...issues, ...turnFieldIssues(body).filter((issue) => !reported.has(issue.path[0]))].map(describeIssue);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  return `${issue.path.map(String).join('.') || 'activity'} ${issue.message}`;
}

// ---- Fields the turn reads (security review L2) ----------------------------------------------------

/**
 * The activity types a turn is run for. The bot answers `message` and `conversationUpdate` (a welcome);
 * the others are what Bot Framework channels send and the bot safely ignores. Everything else is refused
 * with 400: `invoke` (the bot has no invoke handlers, and botbuilder throws on one without `value`),
 * `trace`, `delay`, `handoff`, `command` and the like are things a bot sends, not a customer.
 */
export const ACCEPTED_ACTIVITY_TYPES = [
  'message',
  'conversationUpdate',
  'event',
  'typing',
  'endOfConversation',
  'messageReaction',
  'installationUpdate',
] as const;

/** Longest locale we take; BCP 47 tags in practice stay under 35 characters. */
export const MAX_LOCALE_LENGTH = 64;

const channelAccount = z.looseObject({ id: z.string({ error: 'is required' }) }, { error: 'must be an object with an "id"' });
const listOf = (item: z.ZodType, what: string) => z.array(item, { error: `must be an array of ${what}` });
const dateText = z
  .string({ error: 'must be an ISO 8601 date-time' })
  .refine((text) => !Number.isNaN(Date.parse(text)), { error: 'must be an ISO 8601 date-time' });

/**
 * The other fields botbuilder and the bot read during a turn, each of the type they assume. Without
 * these checks, `membersAdded: "x"` or an `invoke` without `value` threw inside the turn, and the error
 * handler then deleted the conversation's state.
 */
export const turnFieldsSchema = z.looseObject({
  type: z.enum(ACCEPTED_ACTIVITY_TYPES, { error: `must be one of ${ACCEPTED_ACTIVITY_TYPES.join(', ')}` }).optional(),
  id: z.string({ error: 'must be text' }).optional(),
  name: z.string({ error: 'must be text' }).optional(),
  locale: z
    .string({ error: 'must be text such as "fi-FI"' })
    .max(MAX_LOCALE_LENGTH, { error: `is longer than ${MAX_LOCALE_LENGTH} characters` })
    .optional(),
  from: z.looseObject({ name: z.string({ error: 'must be text' }).optional(), role: z.string({ error: 'must be text' }).optional() }).optional(),
  recipient: channelAccount.optional(),
  conversation: z
    .looseObject({ isGroup: z.boolean({ error: 'must be true or false' }).optional(), conversationType: z.string({ error: 'must be text' }).optional() })
    .optional(),
  membersAdded: listOf(channelAccount, 'members ({ "id": "..." })').optional(),
  membersRemoved: listOf(channelAccount, 'members ({ "id": "..." })').optional(),
  reactionsAdded: listOf(z.looseObject({ type: z.string({ error: 'is required' }) }), 'reactions ({ "type": "..." })').optional(),
  reactionsRemoved: listOf(z.looseObject({ type: z.string({ error: 'is required' }) }), 'reactions ({ "type": "..." })').optional(),
  attachments: listOf(z.looseObject({ contentType: z.string({ error: 'is required' }) }), 'attachments ({ "contentType": "..." })').optional(),
  entities: listOf(z.looseObject({ type: z.string({ error: 'is required' }) }), 'entities ({ "type": "..." })').optional(),
  replyToId: z.string({ error: 'must be text' }).optional(),
  timestamp: dateText.optional(),
  localTimestamp: dateText.optional(),
  expiration: dateText.optional(),
});

function turnFieldIssues(body: object): z.core.$ZodIssue[] {
  const result = turnFieldsSchema.safeParse(body);
  return result.success ? [] : result.error.issues;
}
