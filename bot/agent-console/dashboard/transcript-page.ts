import type { TranscriptLine } from '../case-view.js';
import type { DashboardFormat } from './dashboard-format.js';
import { escapeHtml } from '../../http/escape-html.js';

/**
 * One conversation's transcript for the dashboard's drill-down: the console opens only cases, and a
 * conversation the bot handled alone has none, yet a lead who sees "didn't help" wants to read it.
 * Read-only, the same lines (customer, bot, agent) as the console's case view.
 */
export function transcriptPageHtml(page: {
  format: DashboardFormat;
  timeZone: string;
  key: string;
  lines: readonly TranscriptLine[];
  backHref: string;
}): string {
  const t = page.format.strings;
  const who = (line: TranscriptLine) => (line.from === 'customer' ? t.customer : line.from === 'agent' ? (line.name ?? t.agent) : t.bot);
  const items = page.lines
    .map(
      (line) =>
        `<li class="line ${line.from}"><span class="who">${escapeHtml(who(line))}</span>` +
        (line.at ? ` <time datetime="${escapeHtml(line.at)}">${escapeHtml(page.format.instant(line.at, page.timeZone))}</time>` : '') +
        `<p>${escapeHtml(line.text)}</p></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${page.format.language}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>${escapeHtml(t.conversation)} · ${escapeHtml(t.title)}</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/agent/console.css" />
    <link rel="stylesheet" href="/studio/dashboard.css" />
  </head>
  <body class="dashboard">
    <header class="topbar">
      <h1>${escapeHtml(t.conversation)} ${escapeHtml(page.key)}</h1>
      <a class="back" href="${escapeHtml(page.backHref)}">${escapeHtml(t.backToDashboard)}</a>
    </header>
    <main class="dashboard-main">
      <section class="panel wide" aria-labelledby="transcript-heading">
        <h2 id="transcript-heading">${escapeHtml(t.transcript)}</h2>
        ${items ? `<ol class="transcript">${items}</ol>` : `<p>${escapeHtml(t.noMessages)}</p>`}
      </section>
    </main>
  </body>
</html>
`;
}
