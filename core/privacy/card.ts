import { GROUP_SEPARATOR, separatorKind, type Span } from './span.js';

// Groups of digits joined by separators. Letters may touch the number ("kortti4111…"): only a
// digit before it means we would start inside a longer number.
const DIGIT_RUN = new RegExp(`(?<!\\d)\\d+(?:(?:${GROUP_SEPARATOR.source})\\d+)*`, 'g');
const GROUP = /\d+/g;
const CARD_DIGITS = { min: 13, max: 19 } as const;

interface Group {
  start: number;
  end: number;
  digits: string;
}

/**
 * Payment card numbers (13 to 19 digits passing the Luhn check) in normalised text. When a run of
 * digit groups fails as a whole, shorter runs of whole groups written as cards are printed are tried,
 * so a card with its expiry or CVV after it ("4111 1111 1111 1111 12/27", "… 123"), or two cards
 * separated by a space, are still found.
 */
export function findCards(text: string): Span[] {
  const found: Span[] = [];
  for (const run of text.matchAll(DIGIT_RUN)) {
    const groups = [...run[0].matchAll(GROUP)].map((group) => ({
      start: run.index + group.index,
      end: run.index + group.index + group[0].length,
      digits: group[0],
    }));
    for (const sameSeparators of splitWhereSeparatorsChange(text, groups)) found.push(...cardsIn(sameSeparators));
  }
  return found;
}

/** A card is written with one kind of separator; a change of kind ends one number and starts the next. */
function splitWhereSeparatorsChange(text: string, groups: Group[]): Group[][] {
  const parts: Group[][] = [[groups[0]!]];
  let kind: string | undefined;
  for (let index = 1; index < groups.length; index++) {
    const next = separatorKind(text.slice(groups[index - 1]!.end, groups[index]!.start));
    if (kind !== undefined && next !== kind) parts.push([]);
    kind = next;
    parts.at(-1)!.push(groups[index]!);
  }
  return parts;
}

function cardsIn(groups: Group[]): Span[] {
  const found: Span[] = [];
  let first = 0;
  while (first < groups.length) {
    const last = longestCardFrom(groups, first);
    if (last === undefined) {
      first++;
      continue;
    }
    found.push({ start: groups[first]!.start, end: groups[last]!.end });
    first = last + 1;
  }
  return found;
}

/** The index of the last group of the longest card that starts with group `first`. */
function longestCardFrom(groups: Group[], first: number): number | undefined {
  let digits = '';
  const candidates: number[] = [];
  for (let last = first; last < groups.length; last++) {
    digits += groups[last]!.digits;
    if (digits.length > CARD_DIGITS.max) break;
    if (digits.length >= CARD_DIGITS.min) candidates.push(last);
  }
  for (const last of candidates.reverse()) {
    const window = groups.slice(first, last + 1);
    const wholeRun = first === 0 && last === groups.length - 1;
    // Any other window must look like a printed card: otherwise a list of phone or order numbers
    // would hold a Luhn-valid stretch one time in ten, and the order dialog would see [CARD].
    if (!wholeRun && !cardShaped(window)) continue;
    if (luhnIsValid(window.map((group) => group.digits).join(''))) return last;
  }
  return undefined;
}

/** Written as cards are printed (one block, fours, or Amex 4-6-5): such a window may sit anywhere in a longer run. */
function cardShaped(window: Group[]): boolean {
  const lengths = window.map((group) => group.digits.length);
  if (lengths.length === 1) return true;
  if (lengths.length === 3 && lengths[0] === 4 && lengths[1] === 6) return true;
  return lengths.slice(0, -1).every((length) => length === 4) && lengths.at(-1)! <= 4;
}

export function luhnIsValid(digits: string): boolean {
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
