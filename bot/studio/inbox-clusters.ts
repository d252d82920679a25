import type { Language } from '../../core/index.js';
import { LANGUAGE_PACKS } from '../../core/nlu/index.js';
import type { InboxItem, InboxKind } from '../../dialogs/index.js';

export interface InboxFilter {
  language?: Language;
  /** Items written on or after this moment. */
  from?: Date;
  /** Items written before this moment. */
  to?: Date;
}

export interface InboxCluster {
  /** The id of its newest item. */
  id: string;
  language: Language;
  count: number;
  /** When its newest item was written. */
  newest: string;
  /** Every item's id, for acting on the whole cluster. */
  itemIds: string[];
  /** Its newest items (at most EXAMPLES_SHOWN), newest first. */
  examples: InboxItem[];
  /** The intents the NLU leaned to, by their average score over the cluster's items, best first. */
  suggestions: { intent: string; score: number }[];
  kinds: Partial<Record<InboxKind, number>>;
}

/** Two messages whose word stems overlap this much (length-weighted Dice coefficient) are the same question. */
export const SAME_QUESTION = 0.5;
const EXAMPLES_SHOWN = 5;
/** A new item is compared with this many of a cluster's items, so grouping 5,000 items stays quick. */
const COMPARED_PER_CLUSTER = 5;

/**
 * Groups the inbox's items into questions asked in other words, with the NLU's own language packs:
 * each message becomes the set of its word stems (without the language's function words, unless it
 * has nothing else; a stem that begins another counts as the same word), and an item joins the cluster of its own language with the most similar member
 * at or above SAME_QUESTION. Clusters come newest first; so do the items in them.
 */
export function clusterInbox(items: readonly InboxItem[], filter: InboxFilter = {}): InboxCluster[] {
  const chosen = items
    .filter((item) => (!filter.language || item.language === filter.language) && inRange(item.at, filter))
    .sort((a, b) => b.at.localeCompare(a.at));
  const groups: { language: Language; members: { item: InboxItem; stems: Set<string> }[] }[] = [];
  // Which groups have a compared member with a stem starting so: only they can reach SAME_QUESTION, so
  // 5,000 items are grouped in well under a second instead of comparing every pair.
  const byStart = new Map<string, Set<number>>();
  for (const item of chosen) {
    const stems = stemsOf(item.text, item.language);
    const candidates = new Set<number>();
    for (const stem of stems) for (const index of byStart.get(startOf(stem)) ?? []) candidates.add(index);
    let best: number | undefined;
    let bestScore = 0;
    for (const index of candidates) {
      const group = groups[index]!;
      if (group.language !== item.language) continue;
      for (const member of group.members.slice(0, COMPARED_PER_CLUSTER)) {
        const score = dice(stems, member.stems);
        if (score > bestScore) [best, bestScore] = [index, score];
      }
    }
    const index = best !== undefined && bestScore >= SAME_QUESTION ? best : groups.push({ language: item.language, members: [] }) - 1;
    const group = groups[index]!;
    group.members.push({ item, stems });
    if (group.members.length > COMPARED_PER_CLUSTER) continue;
    for (const stem of stems) {
      const key = startOf(stem);
      if (!byStart.has(key)) byStart.set(key, new Set());
      byStart.get(key)!.add(index);
    }
  }
  return groups.map(({ language, members }) =>
    summarise(
      language,
      members.map((member) => member.item),
    ),
  );
}

/** Stems that `sameWord` can match share their first four letters (or are the same short stem). */
function startOf(stem: string): string {
  return stem.slice(0, 4);
}

/** The word stems of a message as the NLU's language pack makes them. */
export function stemsOf(text: string, language: Language): Set<string> {
  const pack = LANGUAGE_PACKS[language];
  const tokens = pack.tokenise(text);
  const content = tokens.filter((token) => !pack.functionWords.has(token));
  return new Set((content.length > 0 ? content : tokens).map((token) => pack.stem(token)));
}

/**
 * Dice coefficient over stems weighted by their length, where two stems count as one word when
 * `sameWord` says so. Longer stems carry the topic ("lahjakortte"), short ones the frame ("myy", "sell"):
 * without the weights "myyttekö kuponkeja" joined "myyttekö lahjakortteja" on the verb alone.
 */
function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  let total = 0;
  for (const stem of a) {
    total += stem.length;
    if (found(stem, b)) shared += stem.length;
  }
  for (const stem of b) {
    total += stem.length;
    if (found(stem, a)) shared += stem.length;
  }
  return shared / total;
}

function found(stem: string, stems: ReadonlySet<string>): boolean {
  if (stems.has(stem)) return true;
  for (const other of stems) if (sameWord(stem, other)) return true;
  return false;
}

/**
 * The stemmer leaves Finnish consonant gradation alone ("lahjakortteja" → lahjakortte, "lahjakortin" →
 * lahjakort), so a stem that begins the other (4 letters at least) is the same word.
 */
function sameWord(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.startsWith(short);
}

function summarise(language: Language, items: InboxItem[]): InboxCluster {
  const totals = new Map<string, number>();
  const kinds: Partial<Record<InboxKind, number>> = {};
  for (const item of items) {
    for (const ranked of item.ranking) totals.set(ranked.intent, (totals.get(ranked.intent) ?? 0) + ranked.score);
    kinds[item.kind] = (kinds[item.kind] ?? 0) + 1;
  }
  const suggestions = [...totals]
    .map(([intent, total]) => ({ intent, score: Math.round((total / items.length) * 1000) / 1000 }))
    .sort((a, b) => b.score - a.score)
    .slice(0, 3);
  return {
    id: items[0]!.id,
    language,
    count: items.length,
    newest: items[0]!.at,
    itemIds: items.map((item) => item.id),
    examples: items.slice(0, EXAMPLES_SHOWN),
    suggestions,
    kinds,
  };
}

function inRange(at: string, filter: InboxFilter): boolean {
  const time = Date.parse(at);
  return (!filter.from || time >= filter.from.getTime()) && (!filter.to || time < filter.to.getTime());
}
