import { GROUP_SEPARATOR, separatorAt, type Span } from './span.js';

/**
 * The account part (BBAN) of each country's IBAN as the ISO 13616 registry defines it: `n` digits, `a` letters,
 * `c` either, with counts ("a4n14": four letters, then fourteen digits). The format, not only the mod-97 check,
 * tells an IBAN from running text: reading "postinumero 55990 ja klo 18.30–18.45 ja po…" from its "ro" gathers the
 * words "ja" and "klo" into 24 characters that pass mod-97 one time in 97, but a Romanian IBAN has four letters
 * where that text has "990J".
 */
export const IBAN_FORMATS: Readonly<Record<string, string>> = {
  AD: 'n8c12',
  AE: 'n19',
  AL: 'n8c16',
  AT: 'n16',
  AZ: 'a4c20',
  BA: 'n16',
  BE: 'n12',
  BG: 'a4n6c8',
  BH: 'a4c14',
  BR: 'n23a1c1',
  BY: 'c4n4c16',
  CH: 'n5c12',
  CR: 'n18',
  CY: 'n8c16',
  CZ: 'n20',
  DE: 'n18',
  DK: 'n14',
  DO: 'c4n20',
  EE: 'n16',
  EG: 'n25',
  ES: 'n20',
  FI: 'n14',
  FO: 'n14',
  FR: 'n10c11n2',
  GB: 'a4n14',
  GE: 'a2n16',
  GI: 'a4c15',
  GL: 'n14',
  GR: 'n7c16',
  GT: 'c24',
  HR: 'n17',
  HU: 'n24',
  IE: 'a4n14',
  IL: 'n19',
  IQ: 'a4n15',
  IS: 'n22',
  IT: 'a1n10c12',
  JO: 'a4n4c18',
  KW: 'a4c22',
  KZ: 'n3c13',
  LB: 'n4c20',
  LC: 'a4c24',
  LI: 'n5c12',
  LT: 'n16',
  LU: 'n3c13',
  LV: 'a4c13',
  MC: 'n10c11n2',
  MD: 'c20',
  ME: 'n18',
  MK: 'n3c10n2',
  MR: 'n23',
  MT: 'a4n5c18',
  MU: 'a4n19a3',
  NL: 'a4n10',
  NO: 'n11',
  PK: 'a4c16',
  PL: 'n24',
  PS: 'a4c21',
  PT: 'n21',
  QA: 'a4c21',
  RO: 'a4c16',
  RS: 'n18',
  SA: 'n2c18',
  SC: 'a4n20a3',
  SE: 'n20',
  SI: 'n15',
  SK: 'n20',
  SM: 'a1n10c12',
  ST: 'n21',
  SV: 'a4n20',
  TL: 'n19',
  TN: 'n20',
  TR: 'n6c16',
  UA: 'n6c19',
  VA: 'n18',
  VG: 'a4n16',
  XK: 'n16',
};

/** IBAN length per country, country code and check digits included; knowing it tells where an IBAN ends in running text. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(IBAN_FORMATS).map(([country, format]) => [country, 4 + [...format.matchAll(/\d+/g)].reduce((sum, [count]) => sum + Number(count), 0)]),
);

const CHARACTER_CLASSES: Readonly<Record<string, string>> = { n: '[0-9]', a: '[A-Z]', c: '[A-Z0-9]' };
const BBAN_PATTERNS: ReadonlyMap<string, RegExp> = new Map(
  Object.entries(IBAN_FORMATS).map(([country, format]) => [
    country,
    new RegExp(`^${format.replace(/([nac])(\d+)/g, (_part, kind: string, count: string) => `${CHARACTER_CLASSES[kind]}{${count}}`)}$`),
  ]),
);

// The country code, then its two check digits (a separator may split them: "FI2 1123…"). Letters may
// touch the country code ("IBAN:FI21…", "tiliFI21…"): the length, the country's format and mod-97 check decide.
const IBAN_START = new RegExp(`(?<!\\d)[A-Z]{2}(?=(?:${GROUP_SEPARATOR.source})?\\d(?:${GROUP_SEPARATOR.source})?\\d)`, 'gi');
const ALPHANUMERIC = /^[A-Z0-9]$/i;

/** IBANs in normalised text, written compact or in any groups separated by spaces, dashes or dots. */
export function findIbans(text: string): Span[] {
  const found: Span[] = [];
  for (const match of text.matchAll(IBAN_START)) {
    const country = match[0].slice(0, 2).toUpperCase();
    const length = IBAN_LENGTHS[country];
    if (length === undefined) continue;
    const end = endOfIban(text, match.index, length, BBAN_PATTERNS.get(country)!);
    if (end !== undefined) found.push({ start: match.index, end });
  }
  return found;
}

/** Where the IBAN starting at `start` ends, or undefined when the characters there are not one. */
function endOfIban(text: string, start: number, length: number, bban: RegExp): number | undefined {
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
  const iban = compact.toUpperCase();
  return bban.test(iban.slice(4)) && ibanChecksumIsValid(iban) ? at : undefined;
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
