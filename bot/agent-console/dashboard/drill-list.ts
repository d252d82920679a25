import type { CaseRecord, DashboardChart, DrillItem, HandoffReason } from '../../../handoff/index.js';
import type { DashboardFormat } from './dashboard-format.js';
import type { TableCell } from './dashboard-panels.js';

/** Where the agent console opens a case (its summary and transcript). */
export function caseHref(caseId: string): string {
  return `/agent#${encodeURIComponent(caseId)}`;
}

/** One row of the drill-down as the JSON API gives it. */
export type DrillRow =
  | {
      kind: 'conversation';
      key: string;
      channelId: string;
      language: string;
      startedAt: string;
      outcome: string;
      answeredIntents: string[];
      notHelpfulIntents: string[];
      rating: number | null;
      /** The conversation's cases, each with its link to the console. */
      cases: { id: string; href: string }[];
      /** The conversation's transcript on the dashboard (for a conversation without a case, the only view of it). */
      transcriptHref: string;
    }
  | { kind: 'case'; id: string; href: string; createdAt: string; reason: HandoffReason; status: string; agent: string | null; conversationKey: string };

/** Where the dashboard shows a conversation's transcript. */
export function transcriptHref(conversationKey: string): string {
  return `/studio/dashboard/conversation?key=${encodeURIComponent(conversationKey)}`;
}

/** The rows of a drill-down; a conversation lists the cases it had (none when the bot handled it). */
export function drillRows(items: readonly DrillItem[], cases: readonly CaseRecord[]): DrillRow[] {
  return items.map((item): DrillRow => {
    if (item.kind === 'case') {
      const record = item.record;
      return {
        kind: 'case',
        id: record.id,
        href: caseHref(record.id),
        createdAt: record.createdAt,
        reason: record.reason,
        status: record.status,
        agent: record.agent ?? null,
        conversationKey: record.conversationKey,
      };
    }
    const record = item.record;
    return {
      kind: 'conversation',
      key: record.key,
      channelId: record.channelId,
      language: record.language,
      startedAt: record.startedAt,
      outcome: record.outcome,
      answeredIntents: record.answeredIntents ?? [],
      notHelpfulIntents: record.notHelpfulIntents ?? [],
      rating: record.rating?.score ?? null,
      cases: cases
        .filter((candidate) => candidate.conversationKey === record.key)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map((candidate) => ({ id: candidate.id, href: caseHref(candidate.id) })),
      transcriptHref: transcriptHref(record.key),
    };
  });
}

/** The drill-down as a table for the page: cases, or conversations with links to their cases. */
export function drillTable(
  rows: readonly DrillRow[],
  format: DashboardFormat,
  timeZone: string,
  intentTitle: (intent: string) => string,
): { headers: string[]; rows: TableCell[][] } {
  const t = format.strings;
  const kind = rows[0]?.kind ?? 'conversation';
  if (kind === 'case') {
    return {
      headers: [t.case, t.opened, t.reason, t.status, t.agent],
      rows: rows.flatMap((row) =>
        row.kind === 'case'
          ? [
              [
                { text: row.id, href: row.href },
                { text: format.instant(row.createdAt, timeZone) },
                { text: t[`reason_${row.reason}`] },
                { text: t[`status_${row.status}` as keyof typeof t] ?? row.status },
                { text: row.agent ?? t.none },
              ],
            ]
          : [],
      ),
    };
  }
  return {
    headers: [t.started, t.conversation, t.intents, t.outcome, t.rating, t.case],
    rows: rows.flatMap((row) =>
      row.kind === 'conversation'
        ? [
            [
              { text: format.instant(row.startedAt, timeZone) },
              { text: `${row.channelId} · ${row.language}` },
              {
                text:
                  row.answeredIntents
                    .map((intent) => (row.notHelpfulIntents.includes(intent) ? `${intentTitle(intent)} (${t.notHelpful})` : intentTitle(intent)))
                    .join(', ') || t.none,
              },
              { text: t[`outcome_${row.outcome}` as keyof typeof t] ?? row.outcome },
              { text: row.rating === null ? t.none : String(row.rating) },
              // A case opens in the console with its transcript; without one, the dashboard shows the transcript.
              ...(row.cases.length > 0
                ? row.cases.map((item) => ({ text: item.id, href: item.href }))
                : [{ text: t.showConversation, href: row.transcriptHref }]),
            ],
          ]
        : [],
    ),
  };
}

/** What a point of a chart counts, in words: the drill-down's heading. */
export function pointLabel(chart: DashboardChart, key: string, format: DashboardFormat, intentTitle: (intent: string) => string): string {
  const t = format.strings;
  const [first = '', second = ''] = splitOnce(key);
  switch (chart) {
    case 'daily':
      return `${first === 'handoffs' ? t.handoffs : t.conversations} ${format.date(second)}`;
    case 'heatmap': {
      const [weekday, hour] = second.split('-');
      return `${first === 'handoffs' ? t.handoffs : t.conversations}: ${t[`weekday_${weekday}` as keyof typeof t] ?? weekday} ${Number(hour)}–${Number(hour) + 1}`;
    }
    case 'reasons':
      return `${t[`reason_${first}` as keyof typeof t] ?? first} ${format.date(second)}`;
    case 'outcomes':
      return t[`outcome_${key}` as keyof typeof t] ?? key;
    case 'first_reply':
      return `${t.firstReplyTitle}: ${t[`bucket_${key}` as keyof typeof t] ?? key}`;
    case 'ratings':
      return `${t.score} ${key}`;
    case 'abandoned':
      return `${t.abandonedTitle} ${format.date(key)}`;
    case 'top_intents':
      return intentTitle(key);
    case 'intents': {
      const split = key.lastIndexOf(':');
      const measure = key.slice(split + 1);
      const names: Record<string, string> = {
        conversations: t.conversations,
        started: t.startedConversations,
        contained: t.contained,
        handed_off: t.handedOff,
        abandoned: t.abandoned,
        not_helpful: t.notHelpful,
        rated: t.ratingsCount,
      };
      return `${intentTitle(key.slice(0, split))}: ${names[measure] ?? measure}`;
    }
    default:
      return chart satisfies never;
  }
}

function splitOnce(key: string): [string, string] {
  const split = key.indexOf(':');
  return split < 0 ? [key, ''] : [key.slice(0, split), key.slice(split + 1)];
}
