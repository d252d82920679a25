import type { Texts } from '../opening-hours/index.js';
import { OUTAGE_SERVICES, type OutageService } from './outage-feed-schema.js';

/**
 * The services a customer asks about, found with the editors' words for each service
 * (`outage_words_<service>` in messages/bot.yaml, one word start a line: "sähkökatk" matches "sähkökatkoa").
 * Empty when the message names no service ("onko häiriöitä?"): then every service is meant.
 * Without this an electricity question got "Yes, there is an internet outage" and modem self-help.
 *
 * @example askedServices('onko Helsingissä sähkökatkoa', texts) // ['electricity']
 */
export function askedServices(text: string, texts: Texts): OutageService[] {
  const words = wordsOf(text);
  return OUTAGE_SERVICES.filter((service) => {
    const starts = (texts(`outage_words_${service}`) ?? '')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter(Boolean);
    return starts.some((start) => words.some((word) => word.startsWith(start)));
  });
}

/** Lowercase words, and the parts of hyphenated ones: "internet-häiriö" is also "internet" and "häiriö". */
function wordsOf(text: string): string[] {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}-]+/u)
    .filter(Boolean);
  return [...words, ...words.flatMap((word) => (word.includes('-') ? word.split('-').filter(Boolean) : []))];
}
