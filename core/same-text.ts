import { timingSafeEqual } from 'node:crypto';

/**
 * Whether a secret someone sent equals the one we hold, in time that does not depend on where they
 * first differ, so a caller cannot guess a token one character at a time. Only the length leaks.
 */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
