import { localTimeOf, type ReportPeriod } from '../../handoff/index.js';
import type { InboxItem } from '../../dialogs/index.js';
import { clusterInbox } from './inbox-clusters.js';

/** How many groups the dashboard lists. */
const SHOWN = 10;

/**
 * The dashboard's "most common misunderstood questions": the learning inbox's items written on the
 * period's days (in its time zone), grouped as the studio groups them, the largest groups first.
 * Handled items have left the inbox, so this is what is still to teach.
 */
export function topMisunderstood(items: readonly InboxItem[], period: ReportPeriod, titleOf: (intent: string) => string) {
  const inPeriod = items.filter((item) => {
    const day = localTimeOf(item.at, period.timeZone).date;
    return day >= period.from && day <= period.to;
  });
  return clusterInbox(inPeriod)
    .sort((a, b) => b.count - a.count || b.newest.localeCompare(a.newest))
    .slice(0, SHOWN)
    .map((cluster) => ({
      count: cluster.count,
      language: cluster.language,
      example: cluster.examples[0]?.text ?? '',
      suggestions: cluster.suggestions.slice(0, 2).map((suggestion) => titleOf(suggestion.intent)),
    }));
}
