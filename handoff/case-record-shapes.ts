import { z } from 'zod';
import { LANGUAGES } from '../core/languages.js';
import { CASE_EVENT_KINDS } from './case-changes.js';
import { CASE_SENTIMENTS, CONVERSATION_OUTCOMES } from './case-records.js';
import { CASE_STATUSES } from './case-status.js';
import { CONVERSATION_OWNERS } from './conversation-owner.js';
import { HANDOFF_REASONS, type HandoffPriority } from './escalation-policy.js';

/**
 * What a store checks of each stored record when it starts: the identifying fields and every field
 * the domain types as a union, so a record that would break a `switch` or a lookup later is refused
 * at start-up, naming the field. The unions are the strings earlier versions wrote, so old files
 * pass. Other fields are not re-checked (start-up stays quick); a store keeps a record's fields as
 * they are, not zod's copy.
 */
export const caseRecordShape = z.object({
  id: z.string(),
  status: z.enum(CASE_STATUSES),
  conversationKey: z.string(),
  language: z.enum(LANGUAGES),
  reason: z.enum(HANDOFF_REASONS),
  priority: z.union([z.literal(1), z.literal(2), z.literal(3)]) satisfies z.ZodType<HandoffPriority>,
  summary: z.object({ sentiment: z.enum(CASE_SENTIMENTS) }),
  events: z.array(z.object({ event: z.enum(CASE_EVENT_KINDS) })),
});

/** The same for a conversation record (see `caseRecordShape`). */
export const conversationRecordShape = z.object({
  key: z.string(),
  owner: z.enum(CONVERSATION_OWNERS),
  language: z.enum(LANGUAGES),
  outcome: z.enum(CONVERSATION_OUTCOMES),
  // Added later: optional, so records written before them load.
  answeredIntents: z.array(z.string()).optional(),
  notHelpfulIntents: z.array(z.string()).optional(),
});
