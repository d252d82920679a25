import { createHmac, randomBytes } from 'node:crypto';

// Per process: the same typed text gives the same tag until a restart, and nobody can test guesses against it.
const KEY = randomBytes(32);

/**
 * What a failed sign-in may log about the login: a known agent's login as is, anything else only as
 * a short keyed tag with its length. People type their password into the login field; logging the
 * text as typed put passwords in the log.
 */
export function loginForLog(typed: string, known: boolean): string {
  if (known) return typed;
  const tag = createHmac('sha256', KEY).update(typed).digest('hex').slice(0, 12);
  return `(unknown, ${typed.length} characters, tag ${tag})`;
}
