import { isSafeId } from '../../core/index.js';
import type { Request, Response, Server } from 'restify';
import type { RouteInstaller } from '../http/http-server.js';
import type { AgentDesk } from '../../handoff/index.js';
import type { CaseHistory } from './case-history.js';
import { caseSearchQuery } from './case-search-query.js';
import type { ConsoleAuth } from './console-auth.js';
import { fieldError, type FieldProblem } from './request-body.js';
import { sendError } from '../http/http-server.js';

/**
 * The history routes of the agent API (openapi.yaml): search over cases, one customer's history and
 * the tags in use. Read-only, behind the same sign-in as every console route; a case is found only
 * when its caller may open it.
 */
export function caseHistoryRoutes(deps: { auth: ConsoleAuth; history: CaseHistory; desk: AgentDesk }): RouteInstaller {
  return (server: Server) => {
    server.get('/api/agent/search', async (req: Request, res: Response) => {
      const caller = await deps.auth.require(req, res);
      if (!caller) return;
      const parsed = caseSearchQuery.safeParse(queryOf(req));
      if (!parsed.success) {
        const problems: FieldProblem[] = parsed.error.issues.map((issue) => ({
          field: issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.') || '(query)',
          message: issue.message,
        }));
        return sendError(res, 400, 'invalid_request', problems.map((problem) => `${problem.field} ${problem.message}`).join('; '), problems);
      }
      res.header('Cache-Control', 'no-store');
      res.send(200, await deps.history.search(caller, parsed.data));
    });

    server.get('/api/agent/customer', async (req: Request, res: Response) => {
      const caller = await deps.auth.require(req, res);
      if (!caller) return;
      const key = queryOf(req).key?.trim() ?? '';
      // The user id part is an id like every other (no "..", "/", control characters): it names files.
      if (!key || key.length > 300 || !key.includes('/') || !isSafeId(key.slice(key.indexOf('/') + 1)))
        return fieldError(res, 'key', 'is required: a customer key "channel/userId" as cases carry it (customerKey)');
      res.header('Cache-Control', 'no-store');
      res.send(200, await deps.history.customer(caller, key));
    });

    server.get('/api/agent/tags', async (req: Request, res: Response) => {
      if (!(await deps.auth.require(req, res))) return;
      res.header('Cache-Control', 'no-store');
      res.send(200, { tags: await deps.desk.tagsInUse() });
    });
  };
}

/** The query string as one value per name (a repeated name keeps its last value); an empty value is no value, as a form sends it. */
function queryOf(req: Request): Record<string, string> {
  return Object.fromEntries([...new URL(req.url ?? '/', 'http://localhost').searchParams].filter(([, value]) => value.trim() !== ''));
}
