import type { CardAction } from 'botbuilder';

/** Meta's limit for a quick reply's or postback's payload. */
const MAX_PAYLOAD = 1000;

/**
 * What a quick reply carries back: the button's value (e.g. `{ intent: 'order_status' }`) as JSON, so a
 * tap starts the same intent a Web Chat button would. Plain buttons carry their text.
 */
export function payloadOf(action: CardAction): string {
  if (action.value !== null && typeof action.value === 'object') {
    const json = JSON.stringify({ value: action.value });
    if (json.length <= MAX_PAYLOAD) return json;
  }
  return String(action.value ?? action.title ?? '').slice(0, MAX_PAYLOAD);
}

/** The value a payload carries back, or undefined for a plain-text payload. */
export function valueOf(payload: string | undefined): Record<string, unknown> | undefined {
  if (!payload?.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(payload) as { value?: unknown };
    return parsed.value !== null && typeof parsed.value === 'object' ? (parsed.value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
