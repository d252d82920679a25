import type { Order } from './order-schema.js';
import type { Language } from '../../core/index.js';
import { daysBetween, dayPhrase, localDateOf, type Texts } from '../opening-hours/index.js';

/** What the bot tells a verified customer about their order. */
export interface OrderAnswer {
  text: string;
  /** The answer tells the customer to choose "Talk to a person" for the next step, so that button comes first. */
  offerPerson: boolean;
}

/**
 * A verified customer's order in a private chat: the status first, then what it means for them and
 * what happens next (a late order is said to be late, with an apology; a cancelled one how the money
 * comes back; a delivered one what to do if it has not arrived; a pickup where and until when), then
 * the carrier and tracking link. Never contents, prices, names or addresses (the order API client
 * does not even keep them).
 */
export function describeOrder(order: Order, texts: Texts, language: Language, now: Date, timeZone: string): OrderAnswer {
  const say = (key: string, values: Record<string, string> = {}) => {
    const text = texts(key, { order: order.id, ...values });
    if (text === undefined) throw new Error(`describeOrder(): message '${key}' is missing; add it to messages/bot.yaml`);
    return text;
  };
  const today = localDateOf(now, timeZone);
  const day = (date: string) => dayPhrase(date, today, language, texts);
  const tracking = order.carrier
    ? order.trackingUrl
      ? say('order_tracking', { carrier: order.carrier, url: order.trackingUrl })
      : say('order_carrier', { carrier: order.carrier })
    : undefined;
  const answer = (sentences: string[], offerPerson: boolean, withTracking = true): OrderAnswer => ({
    text: [sentences.join(' '), ...(withTracking && tracking ? [tracking] : [])].join('\n\n'),
    offerPerson,
  });

  switch (order.status) {
    case 'received':
    case 'processing':
    case 'shipped': {
      const expected = order.expectedDelivery;
      if (expected && daysBetween(today, expected) < 0) {
        // Still at the warehouse is a different delay, with a different next step, from one on the road.
        return answer([say(order.status === 'shipped' ? 'order_late_shipped' : 'order_late_not_shipped', { date: day(expected) })], true);
      }
      const sentences = [say(`order_state_${order.status}`)];
      if (expected) sentences.push(say('order_expected_delivery', { date: day(expected) }));
      return answer(sentences, false);
    }
    case 'ready_for_pickup': {
      const { pickupPoint: place, pickupDeadline: deadline } = order;
      // Telling a customer to pick it up "by Monday" when Monday has passed would send them to an empty shelf.
      if (deadline && daysBetween(today, deadline) < 0) return answer([say('order_pickup_expired', { date: day(deadline) })], true);
      const sentences = [place ? say('order_pickup_at', { place }) : say('order_state_ready_for_pickup')];
      if (deadline) sentences.push(say('order_pickup_until', { date: day(deadline) }));
      // What the API did not tell, the arrival notice does.
      if (!place || !deadline)
        sentences.push(say(!place && !deadline ? 'order_pickup_see_notice' : place ? 'order_pickup_see_notice_deadline' : 'order_pickup_see_notice_place'));
      return answer(sentences, false);
    }
    case 'delivered':
      return answer([say('order_state_delivered'), say('order_delivered_not_received')], true);
    case 'cancelled':
      return answer([say('order_state_cancelled'), say('order_cancelled_refund')], true, false);
    default:
      return order.status satisfies never;
  }
}
