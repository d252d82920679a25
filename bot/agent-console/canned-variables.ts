import type { Content } from '../../core/content/index.js';
import type { Language } from '../../core/index.js';
import { describeHours, ServiceHours } from '../../dialogs/opening-hours/index.js';
import { textsOf } from '../../dialogs/messages.js';
import type { CaseRecord } from '../../handoff/index.js';
import type { Caller } from './console-auth.js';

/** Today's hours of a customer's channel, in the customer's language, as the bot itself would say them. */
export type HoursToday = (channelId: string, language: Language) => string | undefined;

/**
 * `HoursToday` over the live content: "Tänään 27.11. chat on auki 8–18." The customer's channel is
 * the service channel of the same name when the hours file has one, otherwise the channel where
 * agents answer (webchat, Messenger and the Emulator are all "chat").
 */
export function hoursTodayFrom(content: () => Content, now: () => Date): HoursToday {
  return (channelId, language) => {
    const current = content();
    if (!current.openingHours) return undefined;
    const hours = new ServiceHours(current.openingHours);
    const channel = hours.channels.includes(channelId) ? channelId : hours.agentChannel;
    const at = now();
    return describeHours(hours, { day: hours.today(at), channels: [channel] }, language, at, textsOf(current.messages, language));
  };
}

/**
 * The values a canned reply's `{variables}` take on this case: `{agent}` (the agent's name),
 * `{orderNumber}` (from the case details) and `{openingHoursToday}`. A variable without a value is
 * left out, and the console leaves it visible in the reply box for the agent to fill: a reply must
 * never go out with a blank where a number should be.
 */
export function cannedVariablesOf(record: CaseRecord, caller: Caller, hoursToday: HoursToday | undefined): Record<string, string> {
  const values: Record<string, string> = { agent: caller.agent.name };
  const orderNumber = record.summary.details.orderNumber;
  if (orderNumber) values.orderNumber = orderNumber;
  const hours = hoursToday?.(record.channelId, record.language);
  if (hours) values.openingHoursToday = hours;
  return values;
}

/** The customer's rating of this case (and their comment, when the chat took one), from the conversation record. */
export function ratingOf(conversation: { rating?: { score: number; at: string; caseId: string; comment?: string } } | undefined, caseId: string) {
  const rating = conversation?.rating;
  return rating && rating.caseId === caseId ? { score: rating.score, at: rating.at, comment: rating.comment ?? null } : null;
}
