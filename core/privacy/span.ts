/** Where a finder found personal data, in the normalised text (end exclusive). */
export interface Span {
  start: number;
  end: number;
}

/**
 * What people put between groups of a number: up to three spaces, a dash (spaced or not), or one dot.
 * Not ". ": that ends a sentence, and "postinumero 81846. 2013-12-15" must stay two numbers.
 */
export const GROUP_SEPARATOR = / {1,3}| ?-{1,2} ?|\./;

/** Spaces, dashes and dots are three kinds; a card is written with one kind, a date range ("1.12.-31.12.2026") mixes them. */
export function separatorKind(separator: string): 'dash' | 'dot' | 'space' {
  if (separator.includes('-')) return 'dash';
  return separator.includes('.') ? 'dot' : 'space';
}

/** The group separator starting exactly at `at`, if there is one. */
export function separatorAt(text: string, at: number): string | undefined {
  const sticky = new RegExp(GROUP_SEPARATOR.source, 'y');
  sticky.lastIndex = at;
  return sticky.exec(text)?.[0];
}
