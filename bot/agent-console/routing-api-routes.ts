import type { Request, Response, Server } from 'restify';
import { idProblem, type Logger } from '../../core/index.js';
import { teamOfCase, type AgentDesk } from '../../handoff/index.js';
import type { TrustedProxies } from '../http/client-address.js';
import { sendError, type RouteInstaller } from '../http/http-server.js';
import { sendCaseError } from './agent-api-routes.js';
import type { AgentList } from './agent-directory.js';
import type { AgentPresence } from './agent-presence.js';
import type { CaseRouter } from './case-router.js';
import type { Caller, ConsoleAuth } from './console-auth.js';
import { fieldError, parseBody, presenceBody, reassignBody } from './request-body.js';
import { sameOriginGuard } from './same-origin-guard.js';

export interface RoutingApiDeps {
  desk: AgentDesk;
  directory: AgentList;
  presence: AgentPresence;
  router: CaseRouter;
  auth: ConsoleAuth;
  proxies: TrustedProxies;
  logger: Logger;
}

/**
 * Presence, the supervisors' team panel and reassignment, under /api/agent (openapi.yaml): every
 * agent sets their own presence; only supervisors see the whole team and move cases between agents
 * (403 `supervisor_only` for anyone else, saying so).
 */
export function routingApiRoutes(deps: RoutingApiDeps): RouteInstaller {
  const { auth, desk } = deps;

  /** The caller when a supervisor; otherwise 403 naming the reason. */
  const supervisor = async (req: Request, res: Response): Promise<Caller | undefined> => {
    const caller = await auth.require(req, res, req.method === 'GET' ? 'read' : 'act');
    if (!caller) return undefined;
    if (caller.agent.role === 'supervisor' || caller.agent.role === 'admin') return caller;
    sendError(
      res,
      403,
      'supervisor_only',
      `only supervisors may ${req.method === 'GET' ? "see the team's presence and load" : 'reassign cases'}; ${caller.agent.login} is an agent (role in the agents file)`,
    );
    return undefined;
  };

  const presenceOf = async (login: string) => {
    const [agent, open] = await Promise.all([deps.directory.find(login), desk.openCases()]);
    return {
      ...deps.presence.of(login),
      load: open.filter((record) => record.status === 'assigned' && record.agent === login).length,
      maxChats: agent?.maxChats ?? 0,
      languages: agent?.languages ?? [],
      teams: agent?.teams ?? [],
    };
  };

  return (server: Server) => {
    const sameOrigin = sameOriginGuard(deps.proxies);

    server.get('/api/agent/presence', async (req: Request, res: Response) => {
      const caller = await auth.require(req, res);
      if (!caller) return;
      res.header('Cache-Control', 'no-store');
      res.send(200, { presence: await presenceOf(caller.agent.login), routing: deps.router.enabled ? 'on' : 'off' });
    });

    // Resolves after the routing this change allows (coming online takes the oldest fitting cases).
    server.post('/api/agent/presence', sameOrigin, async (req: Request, res: Response) => {
      const caller = await auth.require(req, res, 'act');
      if (!caller) return;
      const body = parseBody(presenceBody, req, res);
      if (!body) return;
      await deps.presence.set(caller.agent.login, body.status);
      if (body.status === 'online') await deps.router.routeNow();
      res.send(200, { presence: await presenceOf(caller.agent.login), routing: deps.router.enabled ? 'on' : 'off' });
    });

    server.get('/api/agent/team', async (req: Request, res: Response) => {
      if (!(await supervisor(req, res))) return;
      const [agents, open] = await Promise.all([deps.directory.list(), desk.openCases()]);
      res.header('Cache-Control', 'no-store');
      res.send(200, {
        routing: deps.router.enabled ? 'on' : 'off',
        agents: agents.map((agent) => ({
          login: agent.login,
          name: agent.name,
          role: agent.role,
          ...deps.presence.of(agent.login),
          load: open.filter((record) => record.status === 'assigned' && record.agent === agent.login).length,
          maxChats: agent.maxChats,
          languages: agent.languages,
          teams: agent.teams,
        })),
        cases: open.map((record) => ({
          id: record.id,
          status: record.status,
          agent: record.agent ?? null,
          language: record.language,
          team: teamOfCase(record, deps.router.teams),
          headline: record.summary.headline,
          createdAt: record.createdAt,
        })),
      });
    });

    server.post('/api/agent/cases/:id/reassign', sameOrigin, async (req: Request, res: Response) => {
      const caller = await supervisor(req, res);
      if (!caller) return;
      const caseId = String(req.params?.id ?? '');
      const problem = idProblem(caseId);
      if (problem) return fieldError(res, 'id', problem);
      const body = parseBody(reassignBody, req, res);
      if (!body) return;
      try {
        if (body.to !== null) {
          const target = await deps.directory.find(body.to);
          if (!target) return fieldError(res, 'to', `'${body.to}' is not an agent in the agents file`);
          const current = await desk.getCase(caseId);
          if (current.agent === target.login && current.status === 'assigned') return fieldError(res, 'to', `already holds case ${caseId}`);
        }
        const record = await desk.reassign(caseId, caller.agent.login, body.to ?? undefined);
        res.send(200, { case: { id: record.id, status: record.status, agent: record.agent ?? null, revision: record.revision } });
      } catch (error) {
        if (!res.headersSent) sendCaseError(res, error, deps.logger);
      }
    });
  };
}
