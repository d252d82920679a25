import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Logger } from '../../core/index.js';
import { OUT_OF_SCOPE_INTENT } from '../../core/reserved-intents.js';
import type { LearningInbox } from '../../dialogs/index.js';
import type { EscalationPolicy } from '../../handoff/index.js';
import type { ConsoleAuth, Need } from '../agent-console/console-auth.js';
import { parseBody, type FieldProblem } from '../agent-console/request-body.js';
import { sameOriginGuard } from '../agent-console/same-origin-guard.js';
import type { TrustedProxies } from '../http/client-address.js';
import { sendError, type RouteInstaller } from '../http/http-server.js';
import type { LiveContent } from '../turn/live-content.js';
import { clusterInbox } from './inbox-clusters.js';
import type { IntentExamples } from './intent-examples.js';
import { addExampleBody, batchBody, ignoreBody, inboxQuery, MAX_BATCH_LINES, outOfScopeBody, tryBody } from './studio-request.js';
import { tryBatch, tryPhrase } from './try-phrases.js';

export interface StudioApiDeps {
  auth: ConsoleAuth;
  proxies: TrustedProxies;
  content: LiveContent;
  inbox: LearningInbox;
  examples: IntentExamples;
  policy: EscalationPolicy;
  now: () => Date;
  logger: Logger;
}

/**
 * The studio's API under /api/studio (documented in agent-console/openapi.yaml): the learning inbox
 * (grouped, filtered, and handled by adding an example, marking it out of scope or ignoring it) and
 * the try-it tools. Same sign-in, sessions and same-origin guard as the agent API; only editors,
 * supervisors and admins get in (an agent gets 403 `wrong_role`).
 */
export function studioApiRoutes(deps: StudioApiDeps): RouteInstaller {
  const { auth, inbox } = deps;
  const editor = (req: Request, res: Response, need: Need) => auth.require(req, res, need, 'studio');

  return (server: Server) => {
    const post = (route: string, handler: (req: Request, res: Response) => Promise<unknown>) => server.post(route, sameOriginGuard(deps.proxies), handler);

    server.get('/api/studio/inbox', async (req: Request, res: Response) => {
      if (!(await editor(req, res, 'read'))) return;
      const query = parseQuery(inboxQuery, req, res);
      if (!query) return;
      const clusters = clusterInbox(await inbox.list(), {
        language: query.language,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
      });
      const intents = deps.content.current().content.intents.map((intent) => ({ name: intent.name, title: intent.title }));
      res.header('Cache-Control', 'no-store');
      res.send(200, { clusters, items: clusters.reduce((sum, cluster) => sum + cluster.count, 0), intents });
    });

    post('/api/studio/inbox/add-example', async (req: Request, res: Response) => {
      const caller = await editor(req, res, 'act');
      if (!caller) return;
      const body = parseBody(addExampleBody, req, res);
      if (!body) return;
      if (!deps.content.current().content.intents.some((intent) => intent.name === body.intent)) {
        return sendError(res, 400, 'invalid_request', `intent '${body.intent}' does not exist`, [{ field: 'intent', message: 'does not exist' }]);
      }
      await addExample(res, body.intent, body, caller.agent.login);
    });

    post('/api/studio/inbox/out-of-scope', async (req: Request, res: Response) => {
      const caller = await editor(req, res, 'act');
      if (!caller) return;
      const body = parseBody(outOfScopeBody, req, res);
      if (!body) return;
      await addExample(res, OUT_OF_SCOPE_INTENT, body, caller.agent.login);
    });

    post('/api/studio/inbox/ignore', async (req: Request, res: Response) => {
      if (!(await editor(req, res, 'act'))) return;
      const body = parseBody(ignoreBody, req, res);
      if (!body) return;
      res.send(200, { removed: await inbox.remove(body.ids) });
    });

    post('/api/studio/try', async (req: Request, res: Response) => {
      if (!(await editor(req, res, 'read'))) return;
      const body = parseBody(tryBody, req, res);
      if (!body) return;
      const started = performance.now();
      const tried = tryPhrase(body.text, body.language, deps.content.current(), deps.policy, deps.now());
      res.send(200, { ...tried, ms: Math.round((performance.now() - started) * 10) / 10 });
    });

    post('/api/studio/try/batch', async (req: Request, res: Response) => {
      if (!(await editor(req, res, 'read'))) return;
      const body = parseBody(batchBody, req, res);
      if (!body) return;
      const started = performance.now();
      const rows = await tryBatch(body.text, body.language, deps.content.current().recogniser, MAX_BATCH_LINES);
      if ('problem' in rows) return sendError(res, 400, 'invalid_request', `text ${rows.problem}`, [{ field: 'text', message: rows.problem }]);
      const expected = rows.filter((row) => row.matches !== undefined);
      res.send(200, {
        rows,
        summary: { count: rows.length, expected: expected.length, mismatches: expected.filter((row) => !row.matches).length },
        ms: Math.round(performance.now() - started),
      });
    });
  };

  /** Adds the phrase; on success the handled items leave the inbox, on a failed check nothing changes (422 with the problems). */
  async function addExample(res: Response, intent: string, body: { ids: string[]; language: 'fi' | 'en'; text: string }, login: string): Promise<void> {
    try {
      const added = await deps.examples.add(intent, body.language, body.text, login);
      if (!added.ok) {
        return sendError(res, 422, 'content_check_failed', `the example was not added, and the file is unchanged: ${added.problems.join('; ')}`, {
          problems: added.problems,
        });
      }
      const removed = await inbox.remove(body.ids);
      res.send(200, { intent, language: body.language, text: body.text, file: added.file, line: added.line, version: added.version, removed });
    } catch (error) {
      deps.logger.error('adding an example from the studio failed', { intent, error });
      sendError(res, 500, 'example_not_added', `the example could not be written: ${(error as Error).message}`);
    }
  }
}

/** The query string parsed by `schema`, or undefined after answering 400 naming each failing parameter. */
function parseQuery<T extends z.ZodType>(schema: T, req: Request, res: Response): z.output<T> | undefined {
  const params = Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams);
  const cleaned = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const problems: FieldProblem[] = parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(query)', message: issue.message }));
  sendError(res, 400, 'invalid_request', problems.map((problem) => `${problem.field} ${problem.message}`).join('; '), problems);
  return undefined;
}
