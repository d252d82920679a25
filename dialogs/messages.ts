import type { MessageCatalog } from '../content/index.js';
import type { Language } from '../core/index.js';

/** Messages the dialogs say; `intents check` fails when messages/bot.yaml lacks one. */
export const REQUIRED_MESSAGES = ['welcome', 'not_understood', 'which_one', 'empty_message', 'turn_error'] as const;
export type MessageKey = (typeof REQUIRED_MESSAGES)[number];

/**
 * The text of a message in a language with its {placeholders} filled.
 * A missing message is a programming error here: the content check refuses content without it.
 */
export function say(messages: MessageCatalog, key: string, language: Language, values: Record<string, string | number> = {}): string {
  const text = messages[key]?.[language];
  if (text === undefined) throw new Error(`say(): message '${key}' is missing in ${language}; add it to messages/bot.yaml`);
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in values ? String(values[name]) : placeholder));
}
