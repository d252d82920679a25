import type { Order } from './order-schema.js';
import type { Language } from '../../core/index.js';
import { dayPhrase, localDateOf, type Texts } from '../opening-hours/index.js';

/** Statuses for which an expected delivery date still means something to the customer. */
const ON_THE_WAY = new Set<Order['status']>(['received', 'processing', 'shipped']);

/**
 * A verified customer's order in a private chat: the status first, then the expected delivery day,
 * then the carrier and tracking link. Never contents, prices, names or addresses (the order API
 * client does not even keep them).
 */
export function describeOrder(order: Order, texts: Texts, language: Language, now: Date, timeZone: string): string {
  const say = (key: string, values: Record<string, string> = {}) => {
    const text = texts(key, values);
    if (text === undefined) throw new Error(`describeOrder(): message '${key}' is missing; add it to messages/bot.yaml`);
    return text;
  };
  const sentences = [say(`order_state_${order.status}`, { order: order.id })];
  if (order.expectedDelivery && ON_THE_WAY.has(order.status)) {
    sentences.push(say('order_expected_delivery', { date: dayPhrase(order.expectedDelivery, localDateOf(now, timeZone), language, texts) }));
  }
  const first = sentences.join(' ');
  if (order.status === 'cancelled' || !order.carrier) return first;
  return `${first}\n\n${order.trackingUrl ? say('order_tracking', { carrier: order.carrier, url: order.trackingUrl }) : say('order_carrier', { carrier: order.carrier })}`;
}
