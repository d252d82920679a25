import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';
import type { Language } from '../../core/index.js';
import type { ConsoleAuth } from '../agent-console/console-auth.js';
import { consoleNav } from '../agent-console/console-nav.js';
import { mayUse } from '../agent-console/console-roles.js';
import { browserLanguage } from '../agent-console/console-page-routes.js';
import { CONSOLE_STRINGS } from '../agent-console/console-strings.js';
import { escapeHtml } from '../http/escape-html.js';
import { sendError, type RouteInstaller } from '../http/http-server.js';
import { pageHeaders, type PagePolicy } from '../http/page-headers.js';
import { STUDIO_STRINGS } from './studio-strings.js';

const SIGNED_IN_FILES: Record<string, string> = {
  'studio.js': 'application/javascript; charset=utf-8',
  'studio.css': 'text/css; charset=utf-8',
};
const STUDIO_FILES: Record<string, string> = {
  'studio-inbox.js': 'application/javascript; charset=utf-8',
  'studio-try.js': 'application/javascript; charset=utf-8',
};

/** The same policy as the console's: its own API only, never framed. */
const STUDIO_POLICY: PagePolicy = { connectSrc: [`'self'`], frameAncestors: [`'none'`], imgSrc: ['data:'], formAction: [`'self'`] };

/**
 * The studio page at /studio: without a session, the console's sign-in form (titled for the studio);
 * with one, the studio in the user's language, or for a role without the studio (an agent) a 403 page
 * that points to the cases. Its scripts load only for a signed-in user.
 */
export function studioPageRoutes(deps: { auth: ConsoleAuth; defaultLanguage: Language }): RouteInstaller {
  const studioDir = findDir('studio.html');
  const consoleDir = findDir('signin.html');
  return (server: Server) => {
    server.get('/studio', async (req: Request, res: Response) => {
      const caller = await deps.auth.callerOf(req);
      const language = caller?.agent.language ?? browserLanguage(req, deps.defaultLanguage);
      const strings = STUDIO_STRINGS[language];
      if (!caller) {
        const signIn = { ...CONSOLE_STRINGS[language], signInTitle: strings.signInTitle };
        return sendPage(res, 200, await readFile(path.join(consoleDir, 'signin.html'), 'utf8'), language, strings.signInTitle, { language, strings: signIn });
      }
      const allowed = mayUse(caller.agent.role, 'studio');
      const config = {
        language,
        strings,
        agent: { login: caller.agent.login, name: caller.agent.name, role: caller.agent.role },
        nav: consoleNav(caller.agent.role, language, 'studio'),
        denied: !allowed,
      };
      sendPage(res, allowed ? 200 : 403, await readFile(path.join(studioDir, 'studio.html'), 'utf8'), language, strings.title, config);
    });

    for (const [name, contentType] of Object.entries({ ...SIGNED_IN_FILES, ...STUDIO_FILES })) {
      server.get(`/studio/${name}`, async (req: Request, res: Response) => {
        // The shell and its style draw the 403 page for a role without the studio too; the parts need the studio.
        if (name in SIGNED_IN_FILES ? !(await deps.auth.callerOf(req)) : !(await deps.auth.require(req, res, 'read', 'studio'))) {
          if (!res.headersSent) sendError(res, 401, 'unauthorised', 'sign in first: POST /api/agent/sign-in with your login and password');
          return;
        }
        try {
          const body = await readFile(path.join(studioDir, name));
          res.writeHead(200, pageHeaders(contentType, STUDIO_POLICY));
          res.end(body);
        } catch {
          sendError(res, 500, 'asset_missing', `studio/public/${name} is missing from the installation`);
        }
      });
    }
  };
}

function sendPage(res: Response, status: number, template: string, language: Language, title: string, config: unknown): void {
  const html = template
    .replaceAll('{{lang}}', language)
    .replaceAll('{{title}}', escapeHtml(title))
    // JSON inside <script type="application/json">: "<" escaped so no text can close the element.
    .replace('{{config}}', JSON.stringify(config).replaceAll('<', '\\u003c'));
  res.writeHead(status, pageHeaders('text/html; charset=utf-8', STUDIO_POLICY));
  res.end(html);
}

/** bot/studio/public or bot/agent-console/public (the file decides which), from the sources and from dist/. */
function findDir(file: string): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth++) {
    for (const candidate of [path.join(dir, 'public'), path.join(dir, 'bot', 'studio', 'public'), path.join(dir, 'bot', 'agent-console', 'public')]) {
      if (existsSync(path.join(candidate, file))) return candidate;
    }
    dir = path.dirname(dir);
  }
  throw new Error(`studioPageRoutes(): ${file} not found next to the code or in the project`);
}
