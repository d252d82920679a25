import type { Language } from '../../../core/index.js';
import type { ReportPeriod } from '../../../handoff/index.js';
import type { DashboardFormat } from './dashboard-format.js';
import type { Panel, TableCell } from './dashboard-panels.js';
import { fill } from './dashboard-strings.js';
import { escapeHtml } from '../../http/escape-html.js';

/** A group of questions the bot did not understand (the studio's inbox), as the dashboard lists it. */
export interface MisunderstoodCluster {
  count: number;
  language: Language;
  /** The newest message of the group, masked as stored. */
  example: string;
  /** The intents the NLU leaned to, best first (titles). */
  suggestions: string[];
}

export interface DashboardPage {
  language: Language;
  format: DashboardFormat;
  period: ReportPeriod;
  panels: Panel[];
  /** The intent analytics, for readers who may see them. */
  intents?: Panel;
  /** Whether the service panels are shown (with the misunderstood clusters among them). */
  service: boolean;
  /** The period's most common misunderstood questions, from the studio's learning inbox. */
  misunderstood: readonly MisunderstoodCluster[];
  drill?: { title: string; table: { headers: string[]; rows: TableCell[][] }; note?: string };
  csvHref: (panel: Panel) => string;
}

/**
 * The dashboard page as HTML: the period form, the drill-down list when a point was chosen, and the
 * panels (each a server-drawn SVG chart with its table and CSV link). No inline script or style (the
 * page's CSP); dashboard.js only switches a panel between chart and table.
 */
export function dashboardPageHtml(page: DashboardPage): string {
  const t = page.format.strings;
  const { period } = page;
  const drill = page.drill
    ? `<section id="drill" class="panel drill" aria-labelledby="drill-heading" tabindex="-1">` +
      `<h2 id="drill-heading">${escapeHtml(page.drill.title)}</h2>` +
      (page.drill.note ? `<p>${escapeHtml(page.drill.note)}</p>` : '') +
      (page.drill.table.rows.length === 0 ? `<p>${escapeHtml(t.drillEmpty)}</p>` : tableHtml(page.drill.table, 'drill-table')) +
      `<p><a href="${escapeHtml(periodHref(period))}">${escapeHtml(t.drillClose)}</a></p></section>`
    : '';
  const panels = page.panels.map((panel) => panelHtml(panel, page)).join('');
  // The studio's inbox, grouped: what to teach the bot next, linked to where that is done.
  const clusters = page.service ? clustersHtml(page) : '';
  const intents = page.intents ? panelHtml(page.intents, page, true) : '';
  return `<!doctype html>
<html lang="${page.language}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>${escapeHtml(t.title)}</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/agent/console.css" />
    <link rel="stylesheet" href="/studio/dashboard.css" />
  </head>
  <body class="dashboard">
    <header class="topbar">
      <h1>${escapeHtml(t.title)}</h1>
      <a class="back" href="/agent">${escapeHtml(t.backToConsole)}</a>
    </header>
    <main class="dashboard-main">
      <form class="period" method="get" action="/studio/dashboard">
        <fieldset>
          <legend>${escapeHtml(t.period)}</legend>
          <label>${escapeHtml(t.from)} <input type="date" name="from" value="${escapeHtml(period.from)}" required /></label>
          <label>${escapeHtml(t.to)} <input type="date" name="to" value="${escapeHtml(period.to)}" required /></label>
          <button type="submit">${escapeHtml(t.show)}</button>
        </fieldset>
        <p class="period-line">${escapeHtml(fill(t.periodLine, { from: page.format.date(period.from), to: page.format.date(period.to), timeZone: period.timeZone }))}</p>
      </form>
      ${drill}
      <div class="panels">${panels}${clusters}${intents}</div>
    </main>
    <script src="/studio/dashboard.js"></script>
  </body>
</html>
`;
}

function panelHtml(panel: Panel, page: DashboardPage, wide = false): string {
  const t = page.format.strings;
  const id = `panel-${panel.chart}`;
  const summary = panel.summary.map((line) => `<p class="summary">${escapeHtml(line)}</p>`).join('');
  const tools =
    `<div class="panel-tools">` +
    (panel.svg
      ? `<button type="button" class="view-toggle" data-view="chart" aria-pressed="true" aria-controls="${id}-chart ${id}-table">${escapeHtml(t.chartView)}</button>` +
        `<button type="button" class="view-toggle" data-view="table" aria-pressed="false" aria-controls="${id}-chart ${id}-table">${escapeHtml(t.tableView)}</button>`
      : '') +
    `<a class="csv" href="${escapeHtml(page.csvHref(panel))}" download>${escapeHtml(t.downloadCsv)}</a></div>`;
  const chart = panel.svg ? `<div class="chart-view" id="${id}-chart">${panel.svg}</div>` : '';
  // Without a chart the table is the panel; with one, dashboard.js shows it on "Table".
  // The caption names a table shown in place of its chart; a table-only panel has its heading.
  const table = `<div class="table-view" id="${id}-table"${panel.svg ? ' hidden' : ''}>${tableHtml(panel.table, `${id}-data`, panel.svg ? panel.title : undefined)}</div>`;
  return `<section class="panel${wide ? ' wide' : ''}" id="${id}" aria-labelledby="${id}-heading"><h2 id="${id}-heading">${escapeHtml(panel.title)}</h2>${summary}${tools}${chart}${table}</section>`;
}

function tableHtml(table: { headers: string[]; rows: TableCell[][] }, id: string, caption?: string): string {
  const head = table.headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('');
  const body = table.rows
    .map(
      (row) =>
        `<tr>${row
          .map((cell, index) => {
            const content = cell.href ? `<a href="${escapeHtml(cell.href)}">${escapeHtml(cell.text)}</a>` : escapeHtml(cell.text);
            return index === 0 ? `<th scope="row">${content}</th>` : `<td>${content}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('');
  return `<div class="table-scroll"><table id="${id}">${caption ? `<caption>${escapeHtml(caption)}</caption>` : ''}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

export function periodHref(period: ReportPeriod): string {
  return `/studio/dashboard?from=${period.from}&to=${period.to}`;
}

function clustersHtml(page: DashboardPage): string {
  const t = page.format.strings;
  const table =
    page.misunderstood.length === 0
      ? `<p>${escapeHtml(t.clustersEmpty)}</p>`
      : tableHtml(
          {
            headers: [t.clustersCount, t.clustersExample, t.clustersLanguage, t.clustersSuggested],
            rows: page.misunderstood.map((cluster) => [
              { text: page.format.number(cluster.count) },
              { text: cluster.example },
              { text: cluster.language },
              { text: cluster.suggestions.join(', ') },
            ]),
          },
          'clusters-table',
        );
  return (
    `<section class="panel" id="panel-clusters" aria-labelledby="panel-clusters-heading"><h2 id="panel-clusters-heading">${escapeHtml(t.clustersTitle)}</h2>` +
    `<p>${escapeHtml(t.clustersIntro)}</p>${table}<p><a href="/studio">${escapeHtml(t.clustersOpen)}</a></p></section>`
  );
}
