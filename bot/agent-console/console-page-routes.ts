import { escapeHtml } from '../http/escape-html.js';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';
import { sendError, type RouteInstaller } from '../http/http-server.js';
import { pageHeaders, type PagePolicy } from '../http/page-headers.js';
import { languageFromLocale, type Language } from '../../core/index.js';
import type { ConsoleAuth } from './console-auth.js';
import { CONSOLE_STRINGS } from './console-strings.js';
import { consoleNav } from './console-nav.js';
import { mayUse } from './console-roles.js';
import { DASHBOARD_STRINGS } from './dashboard/dashboard-strings.js';
import { mayUseStudio } from './dashboard/studio-access.js';

/** Files anyone may load (the sign-in page needs them) and files only a signed-in agent gets. */
const PUBLIC_FILES: Record<string, string> = { 'console.css': 'text/css; charset=utf-8', 'signin.js': 'application/javascript; charset=utf-8' };
const SIGNED_IN_FILES: Record<string, string> = {
  'console.js': 'application/javascript; charset=utf-8',
  'console-alerts.js': 'application/javascript; charset=utf-8',
  'console-typing.js': 'application/javascript; charset=utf-8',
  'console-routing.js': 'application/javascript; charset=utf-8',
  'console-canned.js': 'application/javascript; charset=utf-8',
  'console-history.js': 'application/javascript; charset=utf-8',
  'console-case-extras.js': 'application/javascript; charset=utf-8',
  'console-keys.js': 'application/javascript; charset=utf-8',
  'console-delivery.js': 'application/javascript; charset=utf-8',
  'console-studio-link.js': 'application/javascript; charset=utf-8',
};
/** The navigation between the cases and the studio, which the studio's page loads too, so for every role. */
const ANY_ROLE_FILES: Record<string, string> = {
  'console-nav.js': 'application/javascript; charset=utf-8',
  'console-dom.js': 'application/javascript; charset=utf-8',
};

/** The console talks only to its own API and is never framed (click-jacking an agent's actions). */
const CONSOLE_POLICY: PagePolicy = { connectSrc: [`'self'`], frameAncestors: [`'none'`], imgSrc: ['data:'], formAction: [`'self'`] };

/**
 * The console page at /agent: without a session, only the sign-in form (in the browser's language);
 * with one, the console in the agent's language. Plain HTML, CSS and JS from agent-console/public,
 * nothing from elsewhere.
 */
export function consolePageRoutes(deps: { auth: ConsoleAuth; defaultLanguage: Language }): RouteInstaller {
  const publicDir = findPublicDir();
  const read = (name: string) => readFile(path.join(publicDir, name));

  return (server: Server) => {
    server.get('/agent', async (req: Request, res: Response) => {
      const caller = await deps.auth.callerOf(req);
      // An editor works in the studio and never sees cases.
      if (caller && !mayUse(caller.agent.role, 'cases')) {
        res.writeHead(303, { ...pageHeaders('text/plain; charset=utf-8', CONSOLE_POLICY), Location: '/studio' });
        res.end();
        return;
      }
      const language = caller?.agent.language ?? browserLanguage(req, deps.defaultLanguage);
      const strings = CONSOLE_STRINGS[language];
      const template = (await read(caller ? 'console.html' : 'signin.html')).toString('utf8');
      const config = {
        language,
        strings,
        ...(caller
          ? {
              agent: { login: caller.agent.login, name: caller.agent.name, language, role: caller.agent.role },
              nav: consoleNav(caller.agent.role, language, 'cases'),
            }
          : {}),
        // The dashboard's link in the top bar, for those who may read it (console-studio-link.js).
        ...(caller && (mayUseStudio(caller, 'service_dashboard') || mayUseStudio(caller, 'intent_analytics'))
          ? { studio: { href: '/studio/dashboard', title: DASHBOARD_STRINGS[language].title } }
          : {}),
      };
      const html = template
        .replaceAll('{{lang}}', language)
        .replaceAll('{{title}}', escapeHtml(caller ? strings.title : strings.signInTitle))
        // JSON inside <script type="application/json">: "<" escaped so no text can close the element.
        .replace('{{config}}', JSON.stringify(config).replaceAll('<', '\\u003c'));
      res.writeHead(200, pageHeaders('text/html; charset=utf-8', CONSOLE_POLICY));
      res.end(html);
    });

    for (const [name, contentType] of Object.entries({ ...PUBLIC_FILES, ...SIGNED_IN_FILES, ...ANY_ROLE_FILES })) {
      server.get(`/agent/${name}`, async (req: Request, res: Response) => {
        if (name in SIGNED_IN_FILES && !(await deps.auth.require(req, res))) return;
        if (name in ANY_ROLE_FILES && !(await deps.auth.callerOf(req))) return sendError(res, 401, 'unauthorised', 'sign in first');
        try {
          const body = await read(name);
          res.writeHead(200, pageHeaders(contentType, CONSOLE_POLICY));
          res.end(body);
        } catch {
          sendError(res, 500, 'asset_missing', `agent-console/public/${name} is missing from the installation`);
        }
      });
    }
  };
}

export function browserLanguage(req: Request, fallback: Language): Language {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const asked = languageFromLocale(url.searchParams.get('lang') ?? undefined);
  if (asked) return asked;
  for (const part of String(req.header('accept-language') ?? '').split(',')) {
    const language = languageFromLocale(part.split(';')[0]?.trim());
    if (language) return language;
  }
  return fallback;
}

/** bot/agent-console/public, found from this file's place both in the sources and in dist/. */
export function findPublicDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth++) {
    for (const candidate of [path.join(dir, 'public'), path.join(dir, 'bot', 'agent-console', 'public')]) {
      if (existsSync(path.join(candidate, 'console.html'))) return candidate;
    }
    dir = path.dirname(dir);
  }
  throw new Error('consolePageRoutes(): bot/agent-console/public/console.html not found next to the code or in the project');
}
