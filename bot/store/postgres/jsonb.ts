/**
 * JSON for a jsonb parameter. PostgreSQL refuses U+0000 in jsonb (and text), and a customer can type
 * one: it would fail the whole write, a transcript line or a handoff, and turn /healthz red. It
 * becomes U+FFFD, the replacement character, which is what it means in chat text anyway.
 */
export function toJsonb(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    typeof field === 'string' && field.includes('\u0000') ? field.replaceAll('\u0000', '\uFFFD') : field,
  );
}
