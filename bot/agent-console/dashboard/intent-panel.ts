import type { ServiceDashboard } from '../../../handoff/index.js';
import type { Panel, PanelOptions, TableCell } from './dashboard-panels.js';

/** The intent analytics as a table (every figure a link to its conversations) and CSV. */
export function intentPanel(figures: ServiceDashboard, options: PanelOptions): Panel {
  const { format, drillHref } = options;
  const t = format.strings;
  const link = (intent: string, measure: string, value: number): TableCell => ({
    text: format.number(value),
    href: drillHref('intents', `${intent}:${measure}`),
  });
  const headers = [
    t.intent,
    t.conversations,
    t.startedConversations,
    t.contained,
    t.handedOff,
    t.abandoned,
    t.containmentRate,
    t.handoffRate,
    t.notHelpful,
    t.notHelpfulRate,
    t.ratingsCount,
    t.averageRating,
  ];
  return {
    chart: 'intents',
    title: t.intentsTitle,
    desc: t.intentsDesc,
    summary: figures.intents.length === 0 ? [t.noData] : [],
    table: {
      headers,
      rows: figures.intents.map((row) => [
        { text: options.intentTitle(row.intent) },
        link(row.intent, 'conversations', row.conversations),
        link(row.intent, 'started', row.started),
        link(row.intent, 'contained', row.contained),
        link(row.intent, 'handed_off', row.handedOff),
        link(row.intent, 'abandoned', row.abandoned),
        { text: format.number(row.containmentRate) },
        { text: format.number(row.handoffRate) },
        link(row.intent, 'not_helpful', row.notHelpful),
        { text: format.number(row.notHelpfulRate) },
        link(row.intent, 'rated', row.ratings.count),
        { text: format.number(row.ratings.average) },
      ]),
    },
    csv: {
      headers,
      rows: figures.intents.map((row) => [
        row.intent,
        row.conversations,
        row.started,
        row.contained,
        row.handedOff,
        row.abandoned,
        row.containmentRate,
        row.handoffRate,
        row.notHelpful,
        row.notHelpfulRate,
        row.ratings.count,
        row.ratings.average,
      ]),
    },
  };
}
