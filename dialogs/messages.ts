import type { MessageCatalog } from '../core/content/index.js';
import type { Language } from '../core/index.js';
import { HOURS_MESSAGES, type Texts } from './opening-hours/index.js';
import { ORDER_MESSAGES } from './order-status/order-messages.js';
import { OUTAGE_MESSAGES } from './outage/outage-messages.js';

/** Messages the dialogs say; `intents check` fails when messages/bot.yaml lacks one. */
export const REQUIRED_MESSAGES = [
  'welcome',
  'not_understood',
  'which_one',
  'empty_message',
  'turn_error',
  'storage_error',
  'time_today',
  'time_yesterday',
  'time_tomorrow',
  'time_other_day',
  ...HOURS_MESSAGES,
  ...OUTAGE_MESSAGES,
  ...ORDER_MESSAGES,
] as const;
export type MessageKey = (typeof REQUIRED_MESSAGES)[number];

/**
 * The text of a message in a language with its {placeholders} filled.
 * A missing message is a programming error here: the content check refuses content without it.
 */
export function say(messages: MessageCatalog, key: string, language: Language, values: Record<string, string | number> = {}): string {
  const text = messages[key]?.[language];
  if (text === undefined) throw new Error(`say(): message '${key}' is missing in ${language}; add it to messages/bot.yaml`);
  return fill(text, values);
}

/** Looks messages up by any name (e.g. `hours_channel_<channel>`), undefined when the catalog has none. */
export function textsOf(messages: MessageCatalog, language: Language): Texts {
  return (key, values = {}) => {
    const text = messages[key]?.[language];
    return text === undefined ? undefined : fill(text, values);
  };
}

/**
 * Puts the values in. A value that ends in a full stop takes the place of the sentence's own: a Finnish
 * date ends in one ("25.11."), and without this "toimitus on keskiviikkona {date}." read "25.11..".
 * An English "a" before a value that starts with a vowel sound becomes "an": without this
 * "there is a {service}" read "there is a internet outage".
 */
function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/(\b[Aa] )?\{(\w+)\}(\.?)/g, (placeholder, article: string | undefined, name: string, stop: string) => {
    if (!Object.hasOwn(values, name)) return placeholder;
    const value = String(values[name]);
    const before = article && VOWEL_SOUND.test(value) ? `${article.trimEnd()}n ` : (article ?? '');
    return before + (stop && value.endsWith('.') ? value : value + stop);
  });
}

/** Words read with a vowel sound first ("an internet outage", "an hour"), not those read "you-" or "one-" ("a user", "a one-off"). */
const VOWEL_SOUND = /^(?!u[nst]i|use|usu|eu|one\b|once)([aeiou]|hour|honest)/i;
