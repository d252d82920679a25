/**
 * Ids that come from outside (channel, conversation, user) end up in keys, logs and URLs. These rules
 * keep them harmless wherever they go: no `.`/`..`, no path separators, no NUL or control characters,
 * and a length that every file system and log line can hold. Stores still never build a file name from
 * a raw id (they hash the key); this check makes a bad id a clear 400 at the edge instead.
 */
export const MAX_ID_LENGTH = 256;

// Control characters (C0, DEL, C1), path separators and the Unicode line/paragraph separators.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f/\\\u2028\u2029]/u;

/** What is wrong with an id from outside, in words for an API error; undefined when it is fine. */
export function idProblem(id: unknown): string | undefined {
  if (typeof id !== 'string') return 'must be a string';
  if (id.length === 0) return 'must not be empty';
  if (id.length > MAX_ID_LENGTH) return `must be at most ${MAX_ID_LENGTH} characters`;
  if (id === '.' || id === '..') return 'must not be "." or ".."';
  if (FORBIDDEN.test(id)) return 'must not contain "/", "\\", NUL or control characters';
  if (id.trim() !== id) return 'must not start or end with spaces';
  return undefined;
}

export function isSafeId(id: unknown): id is string {
  return idProblem(id) === undefined;
}
