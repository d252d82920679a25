import { z } from 'zod';

/** Order states the bot can explain; each has a sentence per language in messages/bot.yaml (`order_state_*`). */
export const ORDER_STATUSES = ['received', 'processing', 'shipped', 'ready_for_pickup', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * What the bot reads from `GET {ORDER_API_URL}/orders/{id}`. Anything else in the body (names, addresses,
 * items, prices) is dropped by the parse, so the bot never holds what it must not say.
 */
export const orderSchema = z.object({
  id: z.string({ error: 'must be the order number as text' }).min(1),
  status: z.enum(ORDER_STATUSES, { error: `must be one of ${ORDER_STATUSES.join(', ')}` }),
  email: z.string({ error: 'must be the email address on the order' }).trim().min(3).describe('Used only to verify the customer'),
  postalCode: z
    .string({ error: 'must be the delivery postal code' })
    .regex(/^\d{5}$/, { error: 'must be a five-digit postal code' })
    .describe('Used only to verify the customer'),
  carrier: z.string().trim().min(1).nullable().default(null),
  trackingUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) address' })
    .nullable()
    .default(null),
  expectedDelivery: z.iso.date({ error: 'must be a date such as 2026-11-25' }).nullable().default(null),
  // Optional, so an order API that does not know them still parses: the answer then points to the arrival notice.
  pickupPoint: z
    .string({ error: 'must be the pickup point as the customer reads it' })
    .trim()
    .min(1)
    .nullable()
    .default(null)
    .describe('Where a ready_for_pickup order waits: "Pakettipiste Sale Oulu Keskusta, Isokatu 20, Oulu"'),
  pickupDeadline: z.iso
    .date({ error: 'must be a date such as 2026-12-02' })
    .nullable()
    .default(null)
    .describe('The last day the pickup point keeps a ready_for_pickup order'),
});

export type Order = z.output<typeof orderSchema>;

/** Where the order-status dialog looks orders up. */
export interface OrderApi {
  /** The order, or undefined when there is none with this number; throws `BackendError` when the API fails. */
  findOrder(orderNumber: string): Promise<Order | undefined>;
}
