import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import type { Language } from '../../../core/index.js';
import {
  DASHBOARD_CHARTS,
  drillDown,
  serviceDashboard,
  splitConversationKey,
  type CaseReports,
  type DashboardChart,
  type ServiceDashboard,
  type ReportPeriod,
} from '../../../handoff/index.js';
import { sendError, type RouteInstaller } from '../../http/http-server.js';
import { pageHeaders, type PagePolicy } from '../../http/page-headers.js';
import type { Caller, ConsoleAuth } from '../console-auth.js';
import { browserLanguage, findPublicDir } from '../console-page-routes.js';
import { CONSOLE_STRINGS } from '../console-strings.js';
import { fieldError } from '../request-body.js';
import { toCsv } from './dashboard-csv.js';
import { DashboardFormat } from './dashboard-format.js';
import { dashboardPageHtml, periodHref, type MisunderstoodCluster } from './dashboard-page.js';
import { servicePanels, type Panel } from './dashboard-panels.js';
import { intentPanel } from './intent-panel.js';
import { parseDashboardQuery, type DashboardQuery } from './dashboard-query.js';
import { DASHBOARD_STRINGS, fill } from './dashboard-strings.js';
import { drillRows, drillTable, pointLabel } from './drill-list.js';
import { escapeHtml } from '../../http/escape-html.js';
import { transcriptPageHtml } from './transcript-page.js';
import { transcriptLinesOf } from '../case-view.js';
import type { TranscriptArchive } from '../../store/index.js';
import { mayUseStudio } from './studio-access.js';
import { mayUse } from '../console-roles.js';

export interface DashboardRoutesDeps {
  auth: ConsoleAuth;
  reports: CaseReports;
  now: () => Date;
  /** The service's time zone: the period's days and the heatmap's hours are counted in it. */
  timeZone: () => string;
  defaultLanguage: Language;
  /** An intent's title in a language ("Laskutus"); its name when the content has none. */
  intentTitle: (intent: string, language: Language) => string;
  transcripts: TranscriptArchive;
  /** The period's most common misunderstood questions (the studio's learning inbox, grouped); none: an empty list. */
  misunderstood?: (period: ReportPeriod, language: Language) => Promise<MisunderstoodCluster[]>;
}

/** Like the console: its own files only, never framed, forms post only to itself (the period form is a GET to itself). */
const DASHBOARD_POLICY: PagePolicy = { connectSrc: [`'self'`], frameAncestors: [`'none'`], imgSrc: ['data:'], formAction: [`'self'`] };

/** The page lists at most this many rows behind a figure (newest first); the items API gives them all. */
const DRILL_ROWS_SHOWN = 500;

const ASSETS: Record<string, string> = { 'dashboard.js': 'application/javascript; charset=utf-8', 'dashboard.css': 'text/css; charset=utf-8' };

/**
 * The service dashboard for leads: the page at /studio/dashboard (sign-in as in the console; the
 * console's sign-in form without a session) and its data under /api/studio/dashboard: the figures as
 * JSON, each chart as CSV, and the list behind any point. Who reads what is `mayUseStudio`'s: the
 * service panels and the intent analytics are checked apart, so an editor can be given only the latter.
 * Every route only reads, so none needs the same-origin guard of the console's POSTs.
 */
export function dashboardRoutes(deps: DashboardRoutesDeps): RouteInstaller {
  const publicDir = findPublicDir();

  /** The caller, when they may read some part; answers 401/403 (or the sign-in page) itself otherwise. */
  const reader = async (req: Request, res: Response, page: boolean): Promise<Caller | undefined> => {
    const known = page ? await deps.auth.callerOf(req) : undefined;
    if (page && !known) {
      await signInPage(req, res);
      return undefined;
    }
    // The studio's area: editors, supervisors and admins; what each may read is `mayUseStudio`'s.
    // The page tells a role outside the area in words (below) rather than in the API's JSON 403.
    const caller = known && !mayUse(known.agent.role, 'studio') ? known : await deps.auth.require(req, res, 'read', 'studio');
    if (!caller) return undefined;
    if (mayUseStudio(caller, 'service_dashboard') || mayUseStudio(caller, 'intent_analytics')) return caller;
    const t = DASHBOARD_STRINGS[caller.agent.language];
    if (page) {
      res.writeHead(403, pageHeaders('text/html; charset=utf-8', DASHBOARD_POLICY));
      res.end(
        `<!doctype html><html lang="${caller.agent.language}"><head><meta charset="utf-8"><title>${escapeHtml(t.title)}</title></head><body><p>${escapeHtml(t.forbidden)}</p><p><a href="/agent">${escapeHtml(t.backToConsole)}</a></p></body></html>`,
      );
    } else {
      sendError(res, 403, 'forbidden_role', 'the dashboard is for supervisors and admins, its intent analytics also for editors (role in the agents file)');
    }
    return undefined;
  };

  const signInPage = async (req: Request, res: Response) => {
    const language = browserLanguage(req, deps.defaultLanguage);
    const strings = CONSOLE_STRINGS[language];
    const template = (await readFile(path.join(publicDir, 'signin.html'))).toString('utf8');
    const html = template
      .replaceAll('{{lang}}', language)
      .replaceAll('{{title}}', escapeHtml(strings.signInTitle))
      .replace('{{config}}', JSON.stringify({ language, strings }).replaceAll('<', '\\u003c'));
    res.writeHead(200, pageHeaders('text/html; charset=utf-8', DASHBOARD_POLICY));
    res.end(html);
  };

  const queryOf = (req: Request, res: Response): DashboardQuery | undefined => {
    // No query parser runs on this server; a repeated parameter counts by its first value.
    const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const raw = { from: params.get('from') ?? undefined, to: params.get('to') ?? undefined, drill: params.get('drill') ?? undefined };
    const parsed = parseDashboardQuery(raw, deps.now(), deps.timeZone());
    if (parsed.ok) return parsed.query;
    fieldError(res, parsed.field, parsed.problem);
    return undefined;
  };

  const figuresFor = async (query: DashboardQuery) => {
    const records = await deps.reports.allRecords();
    return { records, figures: serviceDashboard(records, query.period, deps.now()) };
  };

  const mayReadChart = (caller: Caller, chart: DashboardChart) => mayUseStudio(caller, chart === 'intents' ? 'intent_analytics' : 'service_dashboard');

  const panelsFor = (caller: Caller, figures: ServiceDashboard, query: DashboardQuery) => {
    const language = caller.agent.language;
    const format = new DashboardFormat(language, DASHBOARD_STRINGS[language]);
    const options = {
      format,
      drillHref: (chart: DashboardChart, key: string) => `${periodHref(query.period)}&drill=${encodeURIComponent(`${chart}:${key}`)}#drill`,
      intentTitle: (intent: string) => deps.intentTitle(intent, language),
    };
    const service = mayUseStudio(caller, 'service_dashboard');
    return {
      format,
      options,
      service,
      panels: service ? servicePanels(figures, options) : [],
      intents: mayUseStudio(caller, 'intent_analytics') ? intentPanel(figures, options) : undefined,
    };
  };

  return (server: Server) => {
    server.get('/studio/dashboard', async (req: Request, res: Response) => {
      const caller = await reader(req, res, true);
      if (!caller) return;
      const query = queryOf(req, res);
      if (!query) return;
      const { records, figures } = await figuresFor(query);
      const { format, options, service, panels, intents } = panelsFor(caller, figures, query);
      const drill = query.drill && mayReadChart(caller, query.drill.chart) ? query.drill : undefined;
      const items = drill ? drillDown(records, query.period, drill.chart, drill.key) : undefined;
      const html = dashboardPageHtml({
        language: caller.agent.language,
        format,
        period: query.period,
        panels,
        ...(intents ? { intents } : {}),
        service,
        misunderstood: service && deps.misunderstood ? await deps.misunderstood(query.period, caller.agent.language) : [],
        ...(drill
          ? {
              drill: {
                title: fill(format.strings.drillTitle, { what: pointLabel(drill.chart, drill.key, format, options.intentTitle) }),
                table: drillTable(drillRows((items ?? []).slice(0, DRILL_ROWS_SHOWN), records.cases), format, query.period.timeZone, options.intentTitle),
                ...(items && items.length > DRILL_ROWS_SHOWN
                  ? { note: fill(format.strings.drillCapped, { shown: DRILL_ROWS_SHOWN, total: items.length }) }
                  : {}),
              },
            }
          : {}),
        csvHref: (panel: Panel) => `/api/studio/dashboard/csv/${panel.chart}?from=${query.period.from}&to=${query.period.to}`,
      });
      res.writeHead(200, pageHeaders('text/html; charset=utf-8', DASHBOARD_POLICY));
      res.end(html);
    });

    server.get('/studio/dashboard/conversation', async (req: Request, res: Response) => {
      const caller = await reader(req, res, true);
      if (!caller) return;
      const key = new URL(req.url ?? '/', 'http://localhost').searchParams.get('key') ?? '';
      // Only a conversation the store knows: the key never reaches the transcript files unchecked.
      const records = await deps.reports.allRecords();
      if (!records.conversations.some((conversation) => conversation.key === key)) return fieldError(res, 'key', 'is not a known conversation');
      const { channelId, conversationId } = splitConversationKey(key);
      const lines = transcriptLinesOf(await deps.transcripts.allActivities(channelId, conversationId));
      const language = caller.agent.language;
      res.writeHead(200, pageHeaders('text/html; charset=utf-8', DASHBOARD_POLICY));
      res.end(
        transcriptPageHtml({
          format: new DashboardFormat(language, DASHBOARD_STRINGS[language]),
          timeZone: deps.timeZone(),
          key,
          lines,
          backHref: '/studio/dashboard',
        }),
      );
    });

    for (const [name, contentType] of Object.entries(ASSETS)) {
      server.get(`/studio/${name}`, async (req: Request, res: Response) => {
        if (!(await deps.auth.require(req, res))) return;
        res.writeHead(200, pageHeaders(contentType, DASHBOARD_POLICY));
        res.end(await readFile(path.join(publicDir, name)));
      });
    }

    server.get('/api/studio/dashboard', async (req: Request, res: Response) => {
      const caller = await reader(req, res, false);
      if (!caller) return;
      const query = queryOf(req, res);
      if (!query) return;
      const { figures } = await figuresFor(query);
      const { intents, ...service } = figures;
      res.header('cache-control', 'no-store');
      res.send(200, {
        period: figures.period,
        generatedAt: figures.generatedAt,
        ...(mayUseStudio(caller, 'service_dashboard') ? service : {}),
        ...(mayUseStudio(caller, 'intent_analytics') ? { intents } : {}),
      });
    });

    server.get('/api/studio/dashboard/csv/:chart', async (req: Request, res: Response) => {
      const caller = await reader(req, res, false);
      if (!caller) return;
      const chart = String(req.params?.chart ?? '') as DashboardChart;
      if (!DASHBOARD_CHARTS.includes(chart)) return fieldError(res, 'chart', `must be one of ${DASHBOARD_CHARTS.join(', ')}`);
      if (!mayReadChart(caller, chart)) return sendError(res, 403, 'forbidden_role', `your role may not read the ${chart} chart`);
      const query = queryOf(req, res);
      if (!query) return;
      const { figures } = await figuresFor(query);
      const { panels, intents, format } = panelsFor(caller, figures, query);
      const panel = [...panels, ...(intents ? [intents] : [])].find((candidate) => candidate.chart === chart)!;
      const csv = toCsv(panel.csv.headers, panel.csv.rows, format.language);
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="vastaa-${chart.replace('_', '-')}-${query.period.from}-${query.period.to}.csv"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(csv);
    });

    server.get('/api/studio/dashboard/items', async (req: Request, res: Response) => {
      const caller = await reader(req, res, false);
      if (!caller) return;
      const query = queryOf(req, res);
      if (!query) return;
      if (!query.drill) return fieldError(res, 'drill', 'is required: chart:key, e.g. daily:handoffs:2026-11-23');
      if (!mayReadChart(caller, query.drill.chart)) return sendError(res, 403, 'forbidden_role', `your role may not read the ${query.drill.chart} chart`);
      const records = await deps.reports.allRecords();
      const items = drillDown(records, query.period, query.drill.chart, query.drill.key);
      if (!items) return sendError(res, 404, 'no_such_point', `the ${query.drill.chart} chart has no point ${query.drill.key} in this period`);
      res.header('cache-control', 'no-store');
      res.send(200, { period: query.period, chart: query.drill.chart, key: query.drill.key, items: drillRows(items, records.cases) });
    });
  };
}
