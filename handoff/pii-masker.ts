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

/**
 * Replaces payment card numbers, IBANs and Finnish personal identity codes with `[CARD]`, `[IBAN]`
 * and `[HETU]` before a message is stored, logged or shown to an agent. Every candidate must pass
 * its checksum (Luhn, mod-97, mod-31), so order numbers and phone numbers stay readable.
 *
 * @example
 * maskPersonalData('kortti 4111 1111 1111 1111, tilaus 1234567890123')
 * // { text: 'kortti [CARD], tilaus 1234567890123', found: ['card'] }
 */
export function maskPersonalData(text: string): MaskedText {
  const spans: { start: number; end: number; kind: PersonalDataKind }[] = [];
  const taken = (start: number, end: number) => spans.some((span) => start < span.end && end > span.start);
  const add = (start: number, end: number, kind: PersonalDataKind) => {
    if (!taken(start, end)) spans.push({ start, end, kind });
  };
  // IBANs first: the digits of an IBAN would otherwise be read as a card number.
  for (const span of findIbans(text)) add(span.start, span.end, 'iban');
  for (const match of text.matchAll(HETU)) {
    if (isValidHetu(match[0])) add(match.index, match.index + match[0].length, 'hetu');
  }
  for (const match of text.matchAll(CARD)) {
    if (luhnIsValid(match[0].replace(/\D/g, ''))) add(match.index, match.index + match[0].length, 'card');
  }
  spans.sort((a, b) => a.start - b.start);
  let masked = '';
  let at = 0;
  const found: PersonalDataKind[] = [];
  for (const span of spans) {
    masked += text.slice(at, span.start) + PERSONAL_DATA_TOKENS[span.kind];
    at = span.end;
    if (!found.includes(span.kind)) found.push(span.kind);
  }
  return { text: masked + text.slice(at), found };
}

// 13 to 19 digits, single spaces or dashes between them, not glued to other letters or digits.
const CARD = /(?<![\p{L}\p{N}])\d(?:[ -]?\d){12,18}(?![\p{L}\p{N}])/gu;

// DDMMYY, century sign (- + A-F for 1900/1800/2000s, U-Y as extra 1900s signs since 2023), NNN, check character.
const HETU = /(?<![\p{L}\p{N}])\d{6}[-+A-FU-Y]\d{3}[0-9A-Y](?![\p{L}\p{N}])/giu;
const HETU_CHECK_CHARACTERS = '0123456789ABCDEFHJKLMNPRSTUVWXY';

function isValidHetu(candidate: string): boolean {
  const code = candidate.toUpperCase();
  const day = Number(code.slice(0, 2));
  const month = Number(code.slice(2, 4));
  if (day < 1 || day > 31 || month < 1 || month > 12) return false;
  const number = Number(code.slice(0, 6) + code.slice(7, 10));
  return HETU_CHECK_CHARACTERS[number % 31] === code[10];
}

function luhnIsValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** IBAN length per country (ISO 13616 registry); knowing the length tells where an IBAN ends in running text. */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24,
  DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28,
  HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29,
  RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22,
  VG: 24, XK: 20,
};

const IBAN_START = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}/giu;
const ALPHANUMERIC = /[A-Z0-9]/i;

/** Finds IBANs written compact or in groups separated by single spaces or dashes. */
function findIbans(text: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (const match of text.matchAll(IBAN_START)) {
    const length = IBAN_LENGTHS[match[0].slice(0, 2).toUpperCase()];
    if (length === undefined) continue;
    let compact = '';
    let at = match.index;
    while (at < text.length && compact.length < length) {
      const char = text[at]!;
      if (ALPHANUMERIC.test(char)) compact += char;
      else if (!(char === ' ' || char === '-') || !ALPHANUMERIC.test(text[at + 1] ?? '') || !ALPHANUMERIC.test(text[at - 1] ?? '')) break;
      at++;
    }
    // Without the boundary check, the first digits of a longer number would pass as an IBAN.
    if (compact.length !== length || /[\p{L}\p{N}]/u.test(text[at] ?? '')) continue;
    if (ibanChecksumIsValid(compact.toUpperCase())) found.push({ start: match.index, end: at });
  }
  return found;
}

function ibanChecksumIsValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' ? char.charCodeAt(0) - 55 : Number(char);
    remainder = (remainder * (value > 9 ? 100 : 10) + value) % 97;
  }
  return remainder === 1;
}
