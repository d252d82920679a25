import type { Content } from '../../core/content/index.js';
import type { Language } from '../../core/index.js';
import { describeHours, parseDayExpression, ServiceHours } from './index.js';
import { normaliseText } from '../../core/nlu/index.js';
import { textsOf } from '../messages.js';

/** Word beginnings that name a service channel in a question ("soitan", "chätti", "myymälässä"). */
const CHANNEL_WORDS: Record<string, readonly string[]> = {
  phone: ['puhelin', 'puhelim', 'soit', 'phone', 'call'],
  chat: ['chat', 'chät', 'chatti', 'chätti', 'chatissa'],
  store: ['myymälä', 'kauppa', 'kaupa', 'liike', 'liikkee', 'store', 'shop'],
};

/**
 * The opening-hours answer for a question such as "ootteks auki sunnuntaina?": the day asked about
 * (or now), the channels named (or all), from hours/opening-hours.yaml.
 */
export function answerOpeningHours(content: Content, text: string, language: Language, now: Date): string | undefined {
  if (!content.openingHours) return undefined;
  const hours = new ServiceHours(content.openingHours);
  const words = normaliseText(text).split(' ');
  const channels = hours.channels.filter((channel) => (CHANNEL_WORDS[channel] ?? [channel]).some((start) => words.some((word) => word.startsWith(start))));
  const day = parseDayExpression(text, language, now, hours) ?? 'now';
  return describeHours(hours, { day, channels }, language, now, textsOf(content.messages, language));
}
