import { ORDER_STATUSES } from './order-schema.js';

/** Messages the order-status dialog says (messages/bot.yaml); `order_state_<status>` explains each order status. */
export const ORDER_MESSAGES = [
  'order_ask_number',
  'order_ask_number_again',
  'order_number_gave_up',
  'order_ask_verification',
  'order_ask_verification_again',
  'order_verification_failed',
  'order_verification_gave_up',
  'order_private_only',
  'order_private_only_link',
  'order_unavailable',
  'order_expected_delivery',
  'order_tracking',
  'order_carrier',
  'order_late_shipped',
  'order_late_not_shipped',
  'order_pickup_at',
  'order_pickup_until',
  'order_pickup_see_notice',
  'order_pickup_see_notice_place',
  'order_pickup_see_notice_deadline',
  'order_pickup_expired',
  'order_delivered_not_received',
  'order_cancelled_refund',
  ...ORDER_STATUSES.map((status) => `order_state_${status}` as const),
] as const;
