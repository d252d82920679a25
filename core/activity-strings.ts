/**
 * Top-level activity fields that are ids, routing or protocol words, never something a person wrote.
 * Everything else (text, value, channelData, attachments, entities, suggested actions, names, fields
 * a channel invents) is content: a card number can hide in any of it.
 */
const PROTOCOL_FIELDS: ReadonlySet<string> = new Set([
  'type',
  'id',
  'timestamp',
  'localTimestamp',
  'localTimezone',
  'serviceUrl',
  'channelId',
  'replyToId',
  'locale',
  'textFormat',
  'inputHint',
  'deliveryMode',
  'expiration',
  'importance',
  'callerId',
  'valueType',
  'attachmentLayout',
]);
/** Account and conversation fields that identify rather than describe; `name` is content (a customer types it). */
const ACCOUNT_ID_FIELDS: ReadonlySet<string> = new Set(['id', 'role', 'aadObjectId', 'tenantId', 'conversationType', 'isGroup']);
const ACCOUNT_FIELDS: ReadonlySet<string> = new Set(['from', 'recipient', 'conversation']);
const ACCOUNT_LIST_FIELDS: ReadonlySet<string> = new Set(['membersAdded', 'membersRemoved']);

/** Deeper than any real activity; past it a subtree is dropped rather than walked (or stored unread). */
export const MAX_CONTENT_DEPTH = 32;
export const TOO_DEEP = '[removed: nested too deep]';

/**
 * A copy of `activity` with `map` applied to every string of its content, object keys included:
 * what the customer or a channel wrote, but not ids, so conversation keys and routing still work.
 * Used to mask personal data in every field before an activity is stored or forwarded.
 *
 * @example
 * mapActivityStrings({ id: '4111…', text: 'a', value: { note: 'b' } }, (s) => s.toUpperCase())
 * // { id: '4111…', text: 'A', value: { note: 'B' } }
 */
export function mapActivityStrings<T extends object>(activity: T, map: (text: string) => string): T {
  const copy: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(activity)) {
    if (PROTOCOL_FIELDS.has(field)) copy[field] = value;
    else if (ACCOUNT_FIELDS.has(field)) copy[field] = mapAccount(value, map);
    else if (ACCOUNT_LIST_FIELDS.has(field) && Array.isArray(value)) copy[field] = value.map((account) => mapAccount(account, map));
    else copy[field] = mapDeep(value, map, 0);
  }
  return copy as T;
}

function mapAccount(account: unknown, map: (text: string) => string): unknown {
  if (!isPlainObject(account)) return mapDeep(account, map, 0);
  const copy: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(account)) copy[field] = ACCOUNT_ID_FIELDS.has(field) ? value : mapDeep(value, map, 1);
  return copy;
}

function mapDeep(value: unknown, map: (text: string) => string, depth: number): unknown {
  if (typeof value === 'string') return map(value);
  if (depth >= MAX_CONTENT_DEPTH && (Array.isArray(value) || isPlainObject(value))) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => mapDeep(item, map, depth + 1));
  if (!isPlainObject(value)) return value;
  // Object.fromEntries defines own properties, so a "__proto__" key stays data and cannot change the prototype.
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [map(key), mapDeep(item, map, depth + 1)]));
}

/**
 * An object literal or `Object.create(null)`, from any realm: its prototype is null or some realm's
 * Object.prototype (whose own prototype is null). Not `=== Object.prototype`: structuredClone, a vm
 * context or a worker's message can hand over objects of another realm, and those must be walked and
 * masked like our own (under jest, structuredClone's copies came back unmasked).
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || (Object.getPrototypeOf(prototype) === null && Object.prototype.toString.call(value) === '[object Object]');
}
