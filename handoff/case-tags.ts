import type { CaseRecord } from './case-records.js';
import type { HandoffView } from './handoff-store.js';

/** At most this many tags on one case: tags are for finding cases, not for writing notes. */
export const MAX_TAGS_PER_CASE = 20;
export const MAX_TAG_LENGTH = 40;

/** Letters (any script), digits, spaces, "-" and "_": what a person types as a label. */
const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u;

/**
 * A tag as stored: trimmed, inner spaces collapsed, lower case, so "Lasku " and "lasku" are one tag
 * (otherwise the suggestions and the search would split one label into several). Undefined when the
 * text cannot be a tag.
 *
 * @example
 * normaliseTag('  Palautus  Kesken ')  // 'palautus kesken'
 * normaliseTag('<b>')                  // undefined
 */
export function normaliseTag(text: string): string | undefined {
  const tag = text.trim().replace(/\s+/g, ' ').toLocaleLowerCase('fi');
  return tag.length > 0 && tag.length <= MAX_TAG_LENGTH && TAG_PATTERN.test(tag) ? tag : undefined;
}

/** The case's tags after adding and removing (both already normalised); order of first use is kept. */
export function changedTags(record: CaseRecord, add: readonly string[], remove: readonly string[]): string[] {
  const removed = new Set(remove);
  return [...new Set([...(record.tags ?? []), ...add])].filter((tag) => !removed.has(tag));
}

/** Every tag used so far with how many cases carry it, most used first: the suggestions when tagging. */
export function tagsInUse(view: HandoffView): { tag: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const record of view.cases()) for (const tag of record.tags ?? []) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag, 'fi'));
}
