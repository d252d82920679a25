import { findCards } from './card.js';
import { findHetus } from './hetu.js';
import { findIbans } from './iban.js';
import { normaliseForMatching } from './normalise.js';
import type { Span } from './span.js';

/** Kinds of personal data the masker removes; the values are what `found` reports. */
export const PERSONAL_DATA_KINDS = { card: 'card', iban: 'iban', hetu: 'hetu' } as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[keyof typeof PERSONAL_DATA_KINDS];

/** Neutral placeholders, so transcripts stay readable for the agent without carrying the data. */
export const PERSONAL_DATA_TOKENS: Readonly<Record<PersonalDataKind, string>> = { card: '[CARD]', iban: '[IBAN]', hetu: '[HETU]' };

export interface MaskedText {
  text: string;
  /** Kinds that were masked, each once, in the order they first appear in the text. */
  found: PersonalDataKind[];
}

// Every kind has digits; a string without any (most button values, names, ids) needs no further look.
const ANY_NUMBER = /\p{N}/u;

/** The finders in order of precedence: the digits of an IBAN would otherwise be read as a card number. */
const FINDERS: readonly [PersonalDataKind, (text: string) => Span[]][] = [
  ['iban', findIbans],
  ['hetu', findHetus],
  ['card', findCards],
];

/**
 * Replaces payment card numbers, IBANs and Finnish personal identity codes with `[CARD]`, `[IBAN]`
 * and `[HETU]` before a message is stored, logged or shown to an agent. Every candidate must pass
 * its checksum (Luhn, mod-97, mod-31), so order numbers and phone numbers stay readable.
 *
 * The finders read a normalised copy (Unicode spaces and dashes made plain, zero-width characters
 * removed, full-width digits folded), and each match replaces its span of the original text, so the
 * rest of the message stays exactly as the customer wrote it.
 *
 * @example
 * maskPersonalData('kortti 4111 1111 1111 1111, tilaus 1234567890123')
 * // { text: 'kortti [CARD], tilaus 1234567890123', found: ['card'] }
 * maskPersonalData('hetu 131052–308T') // en dash
 * // { text: 'hetu [HETU]', found: ['hetu'] }
 */
export function maskPersonalData(text: string): MaskedText {
  if (!ANY_NUMBER.test(text)) return { text, found: [] };
  const normalised = normaliseForMatching(text);
  const spans: (Span & { kind: PersonalDataKind })[] = [];
  for (const [kind, find] of FINDERS) {
    for (const span of find(normalised.text)) {
      if (!spans.some((taken) => span.start < taken.end && span.end > taken.start)) spans.push({ ...span, kind });
    }
  }
  spans.sort((a, b) => a.start - b.start);
  let masked = '';
  let at = 0;
  const found: PersonalDataKind[] = [];
  for (const span of spans) {
    const start = normalised.starts[span.start]!;
    masked += text.slice(at, start) + PERSONAL_DATA_TOKENS[span.kind];
    at = normalised.ends[span.end - 1]!;
    if (!found.includes(span.kind)) found.push(span.kind);
  }
  return { text: masked + text.slice(at), found };
}
