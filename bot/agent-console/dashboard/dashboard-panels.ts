import {
  FIRST_REPLY_BUCKETS,
  HANDOFF_REASONS,
  heatmapKey,
  RATING_SCORES,
  type DashboardChart,
  type HandoffReason,
  type ServiceDashboard,
} from '../../../handoff/index.js';
import type { CsvCell } from './dashboard-csv.js';
import type { DashboardFormat } from './dashboard-format.js';
import { barChartSvg, heatmapSvg, SERIES_COLOURS, type Bar } from './dashboard-svg.js';
import { fill } from './dashboard-strings.js';

/** A table cell: its text and, for a figure, the link to the list behind it. */
export interface TableCell {
  text: string;
  href?: string;
}

/** One panel of the page: a chart (SVG) with the same data as a table and as CSV. */
export interface Panel {
  chart: DashboardChart;
  title: string;
  desc: string;
  /** Sentences above the chart with the panel's headline figures. */
  summary: string[];
  svg?: string;
  table: { headers: string[]; rows: TableCell[][] };
  csv: { headers: string[]; rows: CsvCell[][] };
}

export interface PanelOptions {
  format: DashboardFormat;
  /** Where a point's drill-down list is (the page itself with `drill=chart:key`). */
  drillHref: (chart: DashboardChart, key: string) => string;
  /** The intent's title in the reader's language ("Laskutus"); its name when it has none. */
  intentTitle: (intent: string) => string;
}

const reasons = Object.values(HANDOFF_REASONS);

/** The service dashboard's panels, in the page's order; which ones a reader sees is the page's choice. */
export function servicePanels(figures: ServiceDashboard, options: PanelOptions): Panel[] {
  const { format, drillHref } = options;
  const t = format.strings;
  const link = (chart: DashboardChart, key: string, value: number): TableCell => ({ text: format.number(value), href: drillHref(chart, key) });
  const bar = (chart: DashboardChart, key: string, value: number, label: string): Bar => ({
    value,
    href: drillHref(chart, key),
    label: `${label}: ${format.number(value)}`,
  });
  const reasonName = (reason: HandoffReason) => t[`reason_${reason}`];

  const daily: Panel = {
    chart: 'daily',
    title: t.dailyTitle,
    desc: t.dailyDesc,
    summary: [],
    svg: barChartSvg({
      id: 'chart-daily',
      title: t.dailyTitle,
      desc: t.dailyDesc,
      series: [
        { name: t.conversations, colour: SERIES_COLOURS[0] },
        { name: t.handoffs, colour: SERIES_COLOURS[1] },
      ],
      categories: figures.daily.map((day) => ({
        label: format.day(day.date),
        bars: [
          bar('daily', `conversations:${day.date}`, day.conversations, `${format.day(day.date)} ${t.conversations}`),
          bar('daily', `handoffs:${day.date}`, day.handoffs, `${format.day(day.date)} ${t.handoffs}`),
        ],
      })),
    }),
    table: {
      headers: [t.date, t.conversations, t.handoffs],
      rows: figures.daily.map((day) => [
        { text: format.date(day.date) },
        link('daily', `conversations:${day.date}`, day.conversations),
        link('daily', `handoffs:${day.date}`, day.handoffs),
      ]),
    },
    csv: { headers: [t.date, t.conversations, t.handoffs], rows: figures.daily.map((day) => [day.date, day.conversations, day.handoffs]) },
  };

  const weekdays = [1, 2, 3, 4, 5, 6, 7];
  const hours = Array.from({ length: 24 }, (_, hour) => hour);
  const cellOf = (weekday: number, hour: number) => figures.heatmap[(weekday - 1) * 24 + hour]!;
  const weekdayName = (weekday: number) => t[`weekday_${weekday}` as keyof typeof t];
  const heatmap: Panel = {
    chart: 'heatmap',
    title: t.heatmapTitle,
    desc: t.heatmapDesc,
    summary: [],
    svg: heatmapSvg({
      id: 'chart-heatmap',
      title: t.heatmapTitle,
      desc: t.heatmapDesc,
      columns: hours.map(String),
      rows: weekdays.map((weekday) => ({
        label: weekdayName(weekday),
        cells: hours.map((hour) => {
          const cell = cellOf(weekday, hour);
          return {
            value: cell.conversations,
            href: drillHref('heatmap', heatmapKey('conversations', weekday, hour)),
            label: fill(t.heatmapCell, { weekday: weekdayName(weekday), hour, conversations: cell.conversations, handoffs: cell.handoffs }),
          };
        }),
      })),
    }),
    table: {
      headers: [t.weekday, ...hours.map(String)],
      rows: weekdays.map((weekday) => [
        { text: weekdayName(weekday) },
        ...hours.map((hour) => link('heatmap', heatmapKey('conversations', weekday, hour), cellOf(weekday, hour).conversations)),
      ]),
    },
    csv: {
      headers: [t.weekday, t.hour, t.conversations, t.handoffs],
      rows: figures.heatmap.map((cell) => [weekdayName(cell.weekday), cell.hour, cell.conversations, cell.handoffs]),
    },
  };

  const byReason: Panel = {
    chart: 'reasons',
    title: t.reasonsTitle,
    desc: t.reasonsDesc,
    summary: [reasons.map((reason) => `${reasonName(reason)} ${format.number(figures.handoffsByReason.total[reason])}`).join(' · ')],
    svg: barChartSvg({
      id: 'chart-reasons',
      title: t.reasonsTitle,
      desc: t.reasonsDesc,
      stacked: true,
      series: reasons.map((reason, index) => ({ name: reasonName(reason), colour: SERIES_COLOURS[index]! })),
      categories: figures.handoffsByReason.daily.map((day) => ({
        label: format.day(day.date),
        bars: reasons.map((reason) => bar('reasons', `${reason}:${day.date}`, day.reasons[reason], `${format.day(day.date)} ${reasonName(reason)}`)),
      })),
    }),
    table: {
      headers: [t.date, ...reasons.map(reasonName)],
      rows: figures.handoffsByReason.daily.map((day) => [
        { text: format.date(day.date) },
        ...reasons.map((reason) => link('reasons', `${reason}:${day.date}`, day.reasons[reason])),
      ]),
    },
    csv: {
      headers: [t.date, ...reasons.map(reasonName)],
      rows: figures.handoffsByReason.daily.map((day) => [day.date, ...reasons.map((reason) => day.reasons[reason])]),
    },
  };

  const { outcomes } = figures;
  const outcomeRows = [
    { key: 'contained', name: t.outcome_contained, count: outcomes.contained, rate: outcomes.containmentRate },
    { key: 'handed_off', name: t.outcome_handed_off, count: outcomes.handedOff, rate: outcomes.handoffRate },
    { key: 'abandoned', name: t.outcome_abandoned, count: outcomes.abandoned, rate: outcomes.abandonRate },
  ];
  const outcomePanel: Panel = {
    chart: 'outcomes',
    title: t.outcomesTitle,
    desc: t.outcomesDesc,
    summary: [fill(t.containmentLine, { rate: format.number(outcomes.containmentRate), total: format.number(outcomes.total) })],
    svg: barChartSvg({
      id: 'chart-outcomes',
      title: t.outcomesTitle,
      desc: t.outcomesDesc,
      series: [{ name: t.conversations, colour: SERIES_COLOURS[0] }],
      categories: outcomeRows.map((row) => ({ label: row.name, bars: [bar('outcomes', row.key, row.count, row.name)] })),
    }),
    table: {
      headers: [t.outcome, t.conversations, t.share],
      rows: outcomeRows.map((row) => [{ text: row.name }, link('outcomes', row.key, row.count), { text: format.number(row.rate) }]),
    },
    csv: { headers: [t.outcome, t.conversations, t.share], rows: outcomeRows.map((row) => [row.name, row.count, row.rate]) },
  };

  const reply = figures.timeToFirstAgentReply;
  const bucketName = (bucket: string) => t[`bucket_${bucket}` as keyof typeof t];
  const firstReply: Panel = {
    chart: 'first_reply',
    title: t.firstReplyTitle,
    desc: t.firstReplyDesc,
    summary: [fill(t.firstReplyLine, { median: format.duration(reply.medianSeconds), p90: format.duration(reply.p90Seconds), samples: reply.samples })],
    svg: barChartSvg({
      id: 'chart-first-reply',
      title: t.firstReplyTitle,
      desc: t.firstReplyDesc,
      series: [{ name: t.cases, colour: SERIES_COLOURS[0] }],
      categories: reply.buckets.map((row) => ({ label: bucketName(row.bucket), bars: [bar('first_reply', row.bucket, row.cases, bucketName(row.bucket))] })),
    }),
    table: {
      headers: [t.bucket, t.cases],
      rows: reply.buckets.map((row) => [{ text: bucketName(row.bucket) }, link('first_reply', row.bucket, row.cases)]),
    },
    csv: { headers: [t.bucket, t.cases], rows: FIRST_REPLY_BUCKETS.map((bucket, index) => [bucketName(bucket.id), reply.buckets[index]!.cases]) },
  };

  const { ratings } = figures;
  const ratingPanel: Panel = {
    chart: 'ratings',
    title: t.ratingsTitle,
    desc: t.ratingsDesc,
    summary: [fill(t.ratingsLine, { count: ratings.count, average: format.number(ratings.average) })],
    svg: barChartSvg({
      id: 'chart-ratings',
      title: t.ratingsTitle,
      desc: t.ratingsDesc,
      series: [{ name: t.ratingsCount, colour: SERIES_COLOURS[2] }],
      categories: RATING_SCORES.map((score) => ({ label: score, bars: [bar('ratings', score, ratings.distribution[score], `${t.score} ${score}`)] })),
    }),
    table: { headers: [t.score, t.ratingsCount], rows: RATING_SCORES.map((score) => [{ text: score }, link('ratings', score, ratings.distribution[score])]) },
    csv: { headers: [t.score, t.ratingsCount], rows: RATING_SCORES.map((score) => [Number(score), ratings.distribution[score]]) },
  };

  const abandoned = figures.abandonedWhileQueued;
  const abandonedPanel: Panel = {
    chart: 'abandoned',
    title: t.abandonedTitle,
    desc: t.abandonedDesc,
    summary: [fill(t.abandonedLine, { total: abandoned.total, rate: format.number(abandoned.rate) })],
    svg: barChartSvg({
      id: 'chart-abandoned',
      title: t.abandonedTitle,
      desc: t.abandonedDesc,
      series: [{ name: t.cases, colour: SERIES_COLOURS[1] }],
      categories: abandoned.daily.map((day) => ({ label: format.day(day.date), bars: [bar('abandoned', day.date, day.cases, format.day(day.date))] })),
    }),
    table: { headers: [t.date, t.cases], rows: abandoned.daily.map((day) => [{ text: format.date(day.date) }, link('abandoned', day.date, day.cases)]) },
    csv: { headers: [t.date, t.cases], rows: abandoned.daily.map((day) => [day.date, day.cases]) },
  };

  const topIntents: Panel = {
    chart: 'top_intents',
    title: t.topIntentsTitle,
    desc: t.topIntentsDesc,
    summary: figures.topIntents.length === 0 ? [t.noData] : [],
    svg: barChartSvg({
      id: 'chart-top-intents',
      title: t.topIntentsTitle,
      desc: t.topIntentsDesc,
      series: [{ name: t.conversations, colour: SERIES_COLOURS[3] }],
      categories: figures.topIntents.map((row) => ({
        label: options.intentTitle(row.intent),
        bars: [bar('top_intents', row.intent, row.conversations, options.intentTitle(row.intent))],
      })),
    }),
    table: {
      headers: [t.intent, t.conversations],
      rows: figures.topIntents.map((row) => [{ text: options.intentTitle(row.intent) }, link('top_intents', row.intent, row.conversations)]),
    },
    csv: { headers: [t.intent, t.conversations], rows: figures.topIntents.map((row) => [row.intent, row.conversations]) },
  };

  return [daily, heatmap, byReason, outcomePanel, firstReply, ratingPanel, abandonedPanel, topIntents];
}
