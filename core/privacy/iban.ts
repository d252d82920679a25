import { GROUP_SEPARATOR, separatorAt, type Span } from './span.js';

/** IBAN length per country (ISO 13616 registry); knowing the length tells where an IBAN ends in running text. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

// The country code, then its two check digits (a separator may split them: "FI2 1123…"). Letters may
// touch the country code ("IBAN:FI21…", "tiliFI21…"): the length and mod-97 check decide.
const IBAN_START = new RegExp(`(?<!\\d)[A-Z]{2}(?=(?:${GROUP_SEPARATOR.source})?\\d(?:${GROUP_SEPARATOR.source})?\\d)`, 'gi');
const ALPHANUMERIC = /^[A-Z0-9]$/i;

/** IBANs in normalised text, written compact or in any groups separated by spaces, dashes or dots. */
export function findIbans(text: string): Span[] {
  const found: Span[] = [];
  for (const match of text.matchAll(IBAN_START)) {
    const length = IBAN_LENGTHS[match[0].slice(0, 2).toUpperCase()];
    if (length === undefined) continue;
    const end = endOfIban(text, match.index, length);
    if (end !== undefined) found.push({ start: match.index, end });
  }
  return found;
}

/** Where the IBAN starting at `start` ends, or undefined when the characters there are not one. */
function endOfIban(text: string, start: number, length: number): number | undefined {
  let compact = '';
  let at = start;
  while (at < text.length && compact.length < length) {
    if (ALPHANUMERIC.test(text[at]!)) {
      compact += text[at++];
      continue;
    }
    const separator = separatorAt(text, at);
    if (!separator || !ALPHANUMERIC.test(text[at + separator.length] ?? '')) return undefined;
    at += separator.length;
  }
  // Without this check, the first digits of a longer number would pass as an IBAN.
  if (compact.length !== length || /\d/.test(text[at] ?? '')) return undefined;
  return ibanChecksumIsValid(compact.toUpperCase()) ? at : undefined;
}

export function ibanChecksumIsValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' ? char.charCodeAt(0) - 55 : Number(char);
    remainder = (remainder * (value > 9 ? 100 : 10) + value) % 97;
  }
  return remainder === 1;
}
