import { z } from 'zod';
import { safeIdSchema } from '../../http/safe-id-schema.js';

/** One messaging event of a Messenger webhook call; the kinds Vastaa reads, the rest kept loosely. */
export const messagingEventSchema = z.looseObject({
  // They become the conversation and user ids (store keys): no `..`, "/" or control characters.
  sender: z.object({ id: safeIdSchema() }),
  recipient: z.object({ id: safeIdSchema() }),
  timestamp: z.number(),
  message: z
    .looseObject({
      mid: z.string().optional(),
      text: z.string().optional(),
      is_echo: z.boolean().optional(),
      quick_reply: z.object({ payload: z.string() }).optional(),
      attachments: z.array(z.looseObject({ type: z.string() })).optional(),
    })
    .optional(),
  postback: z.looseObject({ title: z.string().optional(), payload: z.string().optional(), mid: z.string().optional() }).optional(),
  // Receipts of what the page sent: delivered (these mids, or everything before the watermark) and read (everything before it).
  delivery: z.looseObject({ mids: z.array(z.string().max(200)).max(100).optional(), watermark: z.number() }).optional(),
  read: z.looseObject({ watermark: z.number() }).optional(),
});

export type MessagingEvent = z.output<typeof messagingEventSchema>;

export const webhookBodySchema = z.object({
  object: z.string(),
  entry: z.array(z.looseObject({ id: z.string(), time: z.number().optional(), messaging: z.array(messagingEventSchema).optional() })),
});

export type WebhookBody = z.output<typeof webhookBodySchema>;
