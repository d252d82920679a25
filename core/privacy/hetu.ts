import type { Span } from './span.js';

// DDMMYY, the century sign (- + A-F; U-Y as extra 1900s signs since 2023) or a space where a phone
// keyboard put one, NNN, the check character. Letters may touch it ("tunnus131052-308T"); digits may not.
const HETU = /(?<!\d)(\d{6})(?: {0,2}[-+A-FU-Y] {0,2}| {1,2})(\d{3})([0-9A-Y])(?!\d)/gi;
const HETU_CHECK_CHARACTERS = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/** Finnish personal identity codes (henkilötunnus) with a valid date and check character, in normalised text. */
export function findHetus(text: string): Span[] {
  const found: Span[] = [];
  for (const match of text.matchAll(HETU)) {
    if (hetuIsValid(match[1]!, match[2]!, match[3]!)) found.push({ start: match.index, end: match.index + match[0].length });
  }
  return found;
}

function hetuIsValid(date: string, individual: string, check: string): boolean {
  const day = Number(date.slice(0, 2));
  const month = Number(date.slice(2, 4));
  if (day < 1 || day > 31 || month < 1 || month > 12) return false;
  return HETU_CHECK_CHARACTERS[Number(date + individual) % 31] === check.toUpperCase();
}
