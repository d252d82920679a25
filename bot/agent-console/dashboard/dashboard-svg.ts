import { escapeHtml } from '../../http/escape-html.js';

/** One bar of a bar chart: its value, where clicking it leads, and what a screen reader says of it. */
export interface Bar {
  value: number;
  href: string;
  label: string;
}

/** A bar chart: one group per category (a day, a score), one bar per series in each (stacked or side by side). */
export interface BarChart {
  id: string;
  title: string;
  desc: string;
  categories: { label: string; bars: Bar[] }[];
  series: { name: string; colour: string }[];
  stacked?: boolean;
}

export interface Heatmap {
  id: string;
  title: string;
  desc: string;
  rows: { label: string; cells: Bar[] }[];
  columns: string[];
}

/** Colours with at least 3:1 contrast on white, told apart by lightness too (not by hue alone). */
export const SERIES_COLOURS = ['#1f5fa8', '#c2410c', '#4d7c0f', '#7e22ce', '#0f766e'] as const;

const WIDTH = 720;
const HEIGHT = 260;
const MARGIN = { top: 16, right: 12, bottom: 64, left: 72 };
/** Longer category labels are cut with "…" under the bars (the bar's own label keeps all of it). */
const LABEL_LENGTH = 16;

/**
 * A bar chart as SVG, drawn on the server: a group named by its <title> and described by its <desc>
 * (not role="img", whose children a screen reader never reaches, and these are links),
 * each bar a link (keyboard-focusable, with its own label) to the list behind it, a value axis with
 * round ticks, and a legend when there is more than one series.
 */
export function barChartSvg(chart: BarChart): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const totals = chart.categories.map((category) =>
    chart.stacked ? category.bars.reduce((sum, bar) => sum + bar.value, 0) : Math.max(0, ...category.bars.map((bar) => bar.value)),
  );
  const top = niceTop(Math.max(1, ...totals));
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const slot = plotWidth / Math.max(1, chart.categories.length);
  const barsPerSlot = chart.stacked ? 1 : chart.series.length;
  const barWidth = Math.max(2, Math.min(48, (slot * 0.8) / barsPerSlot));
  const parts: string[] = [];
  for (const tick of ticks(top)) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#d0d5dd" stroke-width="1"/>`,
      `<text x="${MARGIN.left - 6}" y="${y(tick) + 4}" text-anchor="end" font-size="12" fill="#344054">${tick}</text>`,
    );
  }
  // Labels thin out when there are many categories, so they stay readable (every bar keeps its own aria-label).
  const labelEvery = Math.ceil(chart.categories.length / 16);
  chart.categories.forEach((category, index) => {
    const x0 = MARGIN.left + index * slot + (slot - barWidth * barsPerSlot) / 2;
    let stackedBase = 0;
    category.bars.forEach((bar, seriesIndex) => {
      const x = chart.stacked ? x0 : x0 + seriesIndex * barWidth;
      const bottom = chart.stacked ? stackedBase : 0;
      stackedBase += chart.stacked ? bar.value : 0;
      const height = y(bottom) - y(bottom + bar.value);
      const colour = chart.series[seriesIndex]?.colour ?? SERIES_COLOURS[0];
      // A zero still gets a thin, clickable mark: "nothing here" is an answer a lead may want to check.
      parts.push(
        `<a href="${escapeHtml(bar.href)}" aria-label="${escapeHtml(bar.label)}" class="point"><title>${escapeHtml(bar.label)}</title>` +
          `<rect x="${round(x)}" y="${round(y(bottom + bar.value) - (bar.value === 0 ? 2 : 0))}" width="${round(barWidth - 1)}" height="${round(Math.max(height, 2))}" fill="${bar.value === 0 ? '#eaecf0' : colour}"/></a>`,
      );
    });
    if (index % labelEvery === 0) {
      const cx = MARGIN.left + index * slot + slot / 2;
      parts.push(
        `<text x="${round(cx)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="end" font-size="12" fill="#344054" transform="rotate(-35 ${round(cx)} ${HEIGHT - MARGIN.bottom + 16})">${escapeHtml(shorten(category.label))}</text>`,
      );
    }
  });
  const legend =
    chart.series.length > 1
      ? chart.series
          .map((series, index) => {
            const x = MARGIN.left + index * 170;
            return `<rect x="${x}" y="${HEIGHT - 14}" width="12" height="12" fill="${series.colour}"/><text x="${x + 16}" y="${HEIGHT - 4}" font-size="12" fill="#344054">${escapeHtml(series.name)}</text>`;
          })
          .join('')
      : '';
  return svg(chart.id, chart.title, chart.desc, WIDTH, HEIGHT + (legend ? 6 : 0), parts.join('') + legend);
}

/** A grid of cells (weekday × hour), darker with more; every cell a link with its own label. */
export function heatmapSvg(map: Heatmap): string {
  const cell = 26;
  const left = 40;
  const topMargin = 22;
  const width = left + map.columns.length * cell + 4;
  const height = topMargin + map.rows.length * cell + 4;
  const most = Math.max(1, ...map.rows.flatMap((row) => row.cells.map((item) => item.value)));
  const parts: string[] = [];
  map.columns.forEach((column, index) => {
    if (index % 2 === 0)
      parts.push(`<text x="${left + index * cell + cell / 2}" y="14" text-anchor="middle" font-size="11" fill="#344054">${escapeHtml(column)}</text>`);
  });
  map.rows.forEach((row, rowIndex) => {
    const y = topMargin + rowIndex * cell;
    parts.push(`<text x="${left - 6}" y="${y + cell / 2 + 4}" text-anchor="end" font-size="12" fill="#344054">${escapeHtml(row.label)}</text>`);
    row.cells.forEach((item, index) => {
      const x = left + index * cell;
      parts.push(
        `<a href="${escapeHtml(item.href)}" aria-label="${escapeHtml(item.label)}" class="point"><title>${escapeHtml(item.label)}</title>` +
          `<rect x="${x}" y="${y}" width="${cell - 2}" height="${cell - 2}" fill="${heat(item.value / most)}"/>` +
          (item.value > 0
            ? `<text x="${x + (cell - 2) / 2}" y="${y + cell / 2 + 3}" text-anchor="middle" font-size="10" fill="${item.value / most > 0.55 ? '#ffffff' : '#101828'}">${item.value}</text>`
            : '') +
          `</a>`,
      );
    });
  });
  return svg(map.id, map.title, map.desc, width, height, parts.join(''));
}

function svg(id: string, title: string, desc: string, width: number, height: number, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="group" aria-labelledby="${id}-title" aria-describedby="${id}-desc" font-family="system-ui, sans-serif">` +
    `<title id="${id}-title">${escapeHtml(title)}</title><desc id="${id}-desc">${escapeHtml(desc)}</desc>${body}</svg>`
  );
}

/** White to dark blue; a zero stays light grey so "none" is visible. */
function heat(share: number): string {
  if (share <= 0) return '#f2f4f7';
  const light = [219, 234, 254];
  const dark = [30, 58, 138];
  return `rgb(${light.map((value, index) => Math.round(value + (dark[index]! - value) * share)).join(',')})`;
}

function niceTop(max: number): number {
  const step = tickStep(max);
  return Math.ceil(max / step) * step;
}

function tickStep(max: number): number {
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= raw)!;
  return Math.max(1, step);
}

function ticks(top: number): number[] {
  const step = tickStep(top);
  const values: number[] = [];
  for (let value = 0; value <= top; value += step) values.push(value);
  return values;
}

function shorten(label: string): string {
  return label.length > LABEL_LENGTH ? `${label.slice(0, LABEL_LENGTH - 1)}…` : label;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
