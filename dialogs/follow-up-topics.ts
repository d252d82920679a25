import type { Content } from '../core/content/index.js';
import type { Language } from '../core/index.js';
import type { ConversationData } from './conversation-data.js';
import type { FollowUpCandidate } from './follow-up.js';
import type { KnownDialog } from './known-dialogs.js';
import { parseDayExpression, ServiceHours } from './opening-hours/index.js';
import { parseOrderNumber } from './order-status/order-number.js';

/** What the topics need to know about the turn to recognise their details. */
export interface FollowUpContext {
  data: ConversationData;
  content: Content;
  language: Language;
  now: Date;
  /** Whether the text names a place the outage feed or the town list knows (`OutageDialog.namesPlace`). */
  namesPlace(text: string): boolean;
}

/**
 * The topics a message may continue (the last answered intent, then an interrupted dialog's) and the
 * detail each understands: a place for outages, a day for opening hours, an order number for an order
 * question that is still waiting for one.
 */
export function followUpTopics({ data, content, language, now, namesPlace }: FollowUpContext): Omit<FollowUpCandidate, 'text' | 'nlu'> {
  const topics = [data.lastIntent, data.interruptedIntent].filter((topic): topic is string => topic !== undefined);
  const dialogOf = (name: string) => content.intents.find((intent) => intent.name === name)?.dialog as KnownDialog | undefined;
  const understands = (topic: string, text: string): boolean => {
    const dialog = dialogOf(topic);
    switch (dialog) {
      case undefined:
        return false;
      case 'outage':
        return namesPlace(text);
      case 'opening_hours': {
        const hours = content.openingHours ? new ServiceHours(content.openingHours) : undefined;
        return parseDayExpression(text, language, now, hours) !== undefined;
      }
      case 'order_status':
        // Only for an order question still waiting for its number: after an answer, a hand-over or
        // "never mind", a number alone says nothing about what the customer wants done with it.
        return topic === data.interruptedIntent && parseOrderNumber(text) !== undefined;
      default:
        return dialog satisfies never;
    }
  };
  return { topics, understands, isTopic: (intent) => dialogOf(intent) !== undefined };
}
