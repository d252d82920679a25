import type { Content } from '../../../core/content/index.js';
import type { Language } from '../../../core/index.js';
import { say, textsOf } from '../../../dialogs/index.js';
import { ServiceHours } from '../../../dialogs/opening-hours/index.js';
import { momentPhrase } from '../../../dialogs/opening-hours/moment-phrase.js';

/** The chat's accent colour unless the page (the embed's data-color) asks for another. */
export const DEFAULT_CHAT_COLOR = '#0b5cad';
const MAX_TITLE_LENGTH = 60;

/**
 * The header's title and the accent colour: `?title=` and `?color=` (the embed script passes its
 * data-title and data-color), else the content's page title and the default colour. The colour must
 * be a #rrggbb hex value; anything else is ignored, so no CSS can be smuggled in through the URL.
 */
export function chatPageLook(query: URLSearchParams, defaultTitle: string): { title: string; color: string } {
  const title = query.get('title')?.trim().slice(0, MAX_TITLE_LENGTH);
  const color = query.get('color')?.trim() ?? '';
  return { title: title || defaultTitle, color: /^#[0-9a-fA-F]{6}$/.test(color) ? color.toLowerCase() : DEFAULT_CHAT_COLOR };
}

/**
 * What the chat page's own controls say, in the page's language (all from messages/bot.yaml): the
 * header's open/closed status for the channel where agents answer, its buttons, the "new messages"
 * divider and the rating comment form.
 */
export function chatPageTexts(content: Content, language: Language): Record<string, string> {
  const { messages } = content;
  const text = (key: string) => say(messages, key, language);
  return {
    end: text('chat_end_button'),
    newConversation: text('chat_new_button'),
    newMessages: text('chat_new_messages'),
    sentAt: text('chat_sent_at'),
    commentLabel: text('chat_rating_comment_label'),
    commentSend: text('chat_rating_comment_send'),
    commentThanks: text('chat_rating_comment_thanks'),
  };
}

/**
 * The header's status for the channel where agents answer: "Avoinna tänään klo 18 asti" /
 * "Suljettu. Avaamme huomenna klo 8."; empty text without opening hours.
 */
export function agentStatus(content: Content, language: Language, now: Date): { open: boolean; text: string } {
  if (!content.openingHours) return { open: false, text: '' };
  const hours = new ServiceHours(content.openingHours);
  const texts = textsOf(content.messages, language);
  const availability = hours.availability(hours.agentChannel, now);
  const at = availability.openNow ? availability.closesAt : availability.nextOpensAt;
  const when = at ? momentPhrase(at, now, hours.timezone, language, texts) : undefined;
  const key = availability.openNow ? (when ? 'chat_status_open' : 'chat_status_open_now') : when ? 'chat_status_closed' : 'chat_status_closed_now';
  return { open: availability.openNow, text: say(content.messages, key, language, when ? { when } : {}) };
}
