import type { Request, Response, Server } from 'restify';
import type { AgentActions } from '../turn/agent-actions.js';
import type { TrustedProxies } from '../http/client-address.js';
import { sendError, type RouteInstaller } from '../http/http-server.js';
import { idProblem, RecentIds, type Logger } from '../../core/index.js';
import {
  CaseConflictError,
  CaseNotFoundError,
  NotYourCaseError,
  type AgentDesk,
  type HandoffMetrics,
  overdueFirst,
  slaOf,
  type SlaPolicy,
  splitConversationKey,
  type CaseRecord,
  changedTags,
  MAX_TAGS_PER_CASE,
} from '../../handoff/index.js';
import { type TranscriptArchive } from '../store/index.js';
import type { AgentList } from './agent-directory.js';
import type { AgentPresence } from './agent-presence.js';
import type { CaseRouter } from './case-router.js';
import { knownTeams } from './known-teams.js';
import type { CannedReplies } from './canned-replies.js';
import { mayOpen } from './case-access.js';
import { mayUse } from './console-roles.js';
import { detailOf, listItemOf, transcriptLinesOf } from './case-view.js';
import { sessionIdOf, type Caller, type ConsoleAuth } from './console-auth.js';
import type { ConsoleEvents } from './console-events.js';
import { loginForLog } from './login-for-log.js';
import { PasswordChecksBusyError, type PasswordCheckPool } from './password-check-pool.js';
import { cannedVariablesOf, ratingOf, type HoursToday } from './canned-variables.js';
import { closeBody, fieldError, noteBody, parseBody, replyBody, signInBody, tagsBody, transferBody } from './request-body.js';
import { sameOriginGuard } from './same-origin-guard.js';
import type { SessionStore } from './session-store.js';
import type { SignInLimiter } from './sign-in-limiter.js';
import type { SummaryWords } from './summary-words.js';

export interface AgentApiDeps {
  desk: AgentDesk;
  agents: AgentActions;
  transcripts: TranscriptArchive;
  directory: AgentList;
  sessions: SessionStore;
  limiter: SignInLimiter;
  /** Where sign-in runs scrypt: worker threads with a global limit, never libuv's pool. */
  passwordChecks: PasswordCheckPool;
  proxies: TrustedProxies;
  auth: ConsoleAuth;
  events: ConsoleEvents;
  canned: CannedReplies;
  /** Words for the summary's reason codes and detail names, in each agent's language. */
  summaryWords: SummaryWords;
  metrics: () => Promise<HandoffMetrics>;
  /** Online, away or offline: sign-in sets online, sign-out offline, an open event stream keeps the console counted. */
  presence: AgentPresence;
  /** The team map and routing (on or off); teams are what a case can be transferred to. */
  router: CaseRouter;
  /** First-response times by priority: every case in the API carries its due time, so the page only renders. */
  sla: SlaPolicy;
  sessionSeconds: number;
  /** Today's opening hours for a canned reply's {openingHoursToday}; without it the variable stays for the agent to fill. */
  hoursToday?: HoursToday;
  now: () => Date;
  logger: Logger;
}

type CaseHandler = (caller: Caller, caseId: string, req: Request, res: Response) => Promise<unknown>;

/** An agent's typing signals reach the customer at most this often per case; the console sends one every 3 s. */
const TYPING_SIGNAL_EVERY_MS = 1_000;

/**
 * The agent API under /api/agent (documented in agent-console/openapi.yaml): sign-in, the cases,
 * acting on them, canned replies, metrics and the event stream. Every route but sign-in needs a
 * session or an integration token; every POST must come from the console's own origin (sameOriginGuard).
 * Case rules (who may do what) are the desk's, mapped to 403/404/409; who may open an ended case is
 * case-access.ts's.
 */
export function agentApiRoutes(deps: AgentApiDeps): RouteInstaller {
  const { desk, auth } = deps;

  /** Runs an action on a case as the caller, mapping the desk's errors to HTTP. */
  const onCase = (handler: CaseHandler) => async (req: Request, res: Response) => {
    const caller = await auth.require(req, res, req.method === 'GET' ? 'read' : 'act');
    if (!caller) return;
    const caseId = String(req.params?.id ?? '');
    const problem = idProblem(caseId);
    if (problem) return fieldError(res, 'id', problem);
    try {
      const record = await desk.getCase(caseId);
      if (!mayOpen(caller, record)) {
        return sendError(
          res,
          403,
          'not_your_case',
          `case ${caseId} has ended; only the agents who worked on it, supervisors and integration tokens not bound to one agent may open it`,
          { agent: record.agent ?? null },
        );
      }
      const result = await handler(caller, caseId, req, res);
      if (result !== undefined && !res.headersSent) res.send(200, result);
    } catch (error) {
      if (!res.headersSent) sendCaseError(res, error, deps.logger);
    }
  };

  // One clock reading per response: the `now` sent to the page and every SLA state agree.
  const detail = async (record: CaseRecord, caller: Caller, now = deps.now()) =>
    detailOf(record, slaOf(record, deps.sla, now), await deps.summaryWords.current(), caller.agent.language);
  const listItem = (now: Date) => (record: CaseRecord) => listItemOf(record, slaOf(record, deps.sla, now));
  const caseBody = async (record: CaseRecord, caller: Caller) => ({ case: await detail(record, caller) });
  const typingSignals = new RecentIds({ ttlMs: TYPING_SIGNAL_EVERY_MS, maxEntries: 10_000, now: () => deps.now().getTime() });

  return (server: Server) => {
    const sameOrigin = sameOriginGuard(deps.proxies);
    const post = (route: string, handler: (req: Request, res: Response) => Promise<unknown>) => server.post(route, sameOrigin, handler);

    post('/api/agent/sign-in', async (req: Request, res: Response) => {
      const body = parseBody(signInBody, req, res);
      if (!body) return;
      const address = deps.proxies.clientAddress(req);
      const wait = await deps.limiter.waitFor(body.login, address);
      if (wait) {
        const seconds = Math.ceil(wait.ms / 1000);
        res.header('Retry-After', String(seconds));
        const what = wait.reason === 'login' ? `for ${body.login}` : 'from your address';
        return sendError(res, 429, 'too_many_attempts', `too many wrong passwords ${what}; try again in ${seconds} s`, { retryAfterSeconds: seconds });
      }
      let agent;
      await deps.limiter.started(body.login);
      try {
        agent = await deps.directory.verify(body.login, body.password, deps.passwordChecks.derive);
        if (!agent) await deps.limiter.failed(body.login, address);
      } catch (error) {
        if (!(error instanceof PasswordChecksBusyError)) throw error;
        res.header('Retry-After', String(error.retryAfterSeconds));
        return sendError(res, 503, 'sign_in_busy', `too many sign-ins at once; try again in ${error.retryAfterSeconds} s`, {
          retryAfterSeconds: error.retryAfterSeconds,
        });
      } finally {
        await deps.limiter.finished(body.login);
      }
      if (!agent) {
        const known = (await deps.directory.find(body.login)) !== undefined;
        deps.logger.warn('agent sign-in refused', { login: loginForLog(body.login, known), address });
        return sendError(res, 401, 'wrong_credentials', 'the login or password is wrong');
      }
      await deps.limiter.succeeded(body.login);
      await deps.sessions.end(sessionIdOf(req));
      const session = await deps.sessions.start(agent.login);
      res.header('Set-Cookie', deps.auth.sessionCookie(req, session.id, deps.sessionSeconds));
      res.header('Cache-Control', 'no-store');
      deps.logger.info('agent signed in', { login: agent.login, address });
      await deps.presence.set(agent.login, 'online');
      res.send(200, { agent: publicAgent(agent) });
    });

    // Without a live session there is nothing to end: answer 204 and leave any cookie alone.
    post('/api/agent/sign-out', async (req: Request, res: Response) => {
      const id = sessionIdOf(req);
      if (id && (await deps.sessions.isLive(id))) {
        const login = (await deps.sessions.touch(id))?.login;
        await deps.sessions.end(id);
        if (login) await deps.presence.set(login, 'offline');
        deps.events.endSession(id);
        res.header('Set-Cookie', deps.auth.sessionCookie(req, '', 0));
      }
      res.send(204);
    });

    server.get('/api/agent/me', async (req: Request, res: Response) => {
      const caller = await auth.require(req, res);
      if (!caller) return;
      // The colleagues a case can go to: editors never work cases.
      const agents = (await deps.directory.list()).filter((agent) => mayUse(agent.role, 'cases')).map(({ login, name }) => ({ login, name }));
      res.send(200, { agent: publicAgent(caller.agent), agents, teams: await knownTeams(deps.directory, deps.router.teams) });
    });

    server.get('/api/agent/cases', async (req: Request, res: Response) => {
      const caller = await auth.require(req, res);
      if (!caller) return;
      const [queue, open] = await Promise.all([desk.queue(), desk.openCases()]);
      res.header('Cache-Control', 'no-store');
      const now = deps.now();
      res.send(200, {
        now: now.toISOString(),
        queue: overdueFirst(queue.map(listItem(now))),
        mine: overdueFirst(open.filter((record) => record.status === 'assigned' && record.agent === caller.agent.login).map(listItem(now))),
      });
    });

    server.get(
      '/api/agent/cases/:id',
      onCase(async (caller, caseId) => {
        const record = await desk.getCase(caseId);
        const { channelId, conversationId } = splitConversationKey(record.conversationKey);
        // The store's read waits for this conversation's own pending writes; no need to wait for everyone's.
        const activities = await deps.transcripts.allActivities(channelId, conversationId);
        const now = deps.now();
        return {
          now: now.toISOString(),
          case: await detail(record, caller, now),
          transcript: transcriptLinesOf(activities, record),
          rating: ratingOf(await desk.conversation(record.conversationKey), record.id),
          cannedVariables: cannedVariablesOf(record, caller, deps.hoursToday),
        };
      }),
    );

    post(
      '/api/agent/cases/:id/claim',
      onCase(async (caller, caseId) => caseBody(await deps.agents.claim(caseId, identityOf(caller)), caller)),
    );

    post(
      '/api/agent/cases/:id/reply',
      onCase(async (caller, caseId, req, res) => {
        const body = parseBody(replyBody, req, res);
        return body && caseBody(await deps.agents.reply(caseId, identityOf(caller), body.text), caller);
      }),
    );

    // The agent is typing in the case they hold: the customer sees it. Nothing is stored, the case does not change.
    post(
      '/api/agent/cases/:id/typing',
      onCase(async (caller, caseId, _req, res) => {
        const signal = `${caseId}/${caller.agent.login}`;
        if (!typingSignals.firstSighting(signal)) {
          res.header('Retry-After', '1');
          return sendError(res, 429, 'too_many_typing_signals', `at most one typing signal per case every ${TYPING_SIGNAL_EVERY_MS / 1000} s`);
        }
        try {
          await deps.agents.typing(caseId, identityOf(caller));
        } catch (error) {
          // Refused (not their case): it used up no allowance.
          typingSignals.forget(signal);
          throw error;
        }
        res.send(204);
        return undefined;
      }),
    );

    post(
      '/api/agent/cases/:id/notes',
      onCase(async (caller, caseId, req, res) => {
        const body = parseBody(noteBody, req, res);
        return body && caseBody(await desk.addNote(caseId, caller.agent.login, body.text), caller);
      }),
    );

    post(
      '/api/agent/cases/:id/tags',
      onCase(async (caller, caseId, req, res) => {
        const body = parseBody(tagsBody, req, res);
        if (!body) return undefined;
        const after = changedTags(await desk.getCase(caseId), body.add, body.remove);
        if (after.length > MAX_TAGS_PER_CASE) return fieldError(res, 'add', `would give the case ${after.length} tags; at most ${MAX_TAGS_PER_CASE}`);
        return caseBody(await desk.tag(caseId, caller.agent.login, body), caller);
      }),
    );

    post(
      '/api/agent/cases/:id/release',
      onCase(async (caller, caseId) => caseBody(await deps.agents.release(caseId, identityOf(caller)), caller)),
    );

    post(
      '/api/agent/cases/:id/transfer',
      onCase(async (caller, caseId, req, res) => {
        const body = parseBody(transferBody, req, res);
        if (!body) return undefined;
        const from = { login: caller.agent.login, name: caller.agent.name };
        if (body.team !== undefined) {
          const teams = await knownTeams(deps.directory, deps.router.teams);
          if (!teams.includes(body.team)) return fieldError(res, 'team', `'${body.team}' is not a team (teams: ${teams.join(', ') || 'none'})`);
          const record = await deps.agents.transfer(caseId, identityOf(caller), { team: body.team }, body.note);
          return { ...(await caseBody(record, caller)), transfer: { from, to: { team: body.team } } };
        }
        const target = await deps.directory.find(body.to!);
        if (!target) return fieldError(res, 'to', `'${body.to}' is not an agent in the agents file`);
        if (!mayUse(target.role, 'cases')) return fieldError(res, 'to', `'${body.to}' is ${target.role} and does not work cases`);
        if (target.login === caller.agent.login) return fieldError(res, 'to', 'is you; choose another agent');
        const record = await deps.agents.transfer(caseId, identityOf(caller), { agent: { login: target.login, name: target.name } }, body.note);
        return { ...(await caseBody(record, caller)), transfer: { from, to: { agent: { login: target.login, name: target.name } } } };
      }),
    );

    post(
      '/api/agent/cases/:id/close',
      onCase(async (caller, caseId, req, res) => {
        const body = parseBody(closeBody, req, res);
        return body && caseBody(await deps.agents.close(caseId, identityOf(caller), body.resolution), caller);
      }),
    );

    server.get('/api/agent/canned-replies', async (req: Request, res: Response) => {
      if (!(await auth.require(req, res))) return;
      res.header('Cache-Control', 'no-store');
      res.send(200, { replies: await deps.canned.current() });
    });

    server.get('/api/agent/metrics', async (req: Request, res: Response) => {
      if (!(await auth.require(req, res))) return;
      res.header('Cache-Control', 'no-store');
      res.send(200, await deps.metrics());
    });

    server.get('/api/agent/events', async (req: Request, res: Response) => {
      const caller = await auth.require(req, res);
      if (!caller) return;
      deps.events.open(req, res, caller.session?.id);
      // Only a signed-in console counts: an integration reading the stream is not the agent at work.
      if (caller.session) {
        deps.presence.consoleOpened(caller.agent.login);
        res.on('close', () => deps.presence.consoleClosed(caller.agent.login));
      }
    });
  };
}

function identityOf(caller: Caller) {
  return { login: caller.agent.login, name: caller.agent.name };
}

function publicAgent(agent: { login: string; name: string; language: string }) {
  return { login: agent.login, name: agent.name, language: agent.language };
}

export function sendCaseError(res: Response, error: unknown, logger: Logger): void {
  if (error instanceof CaseNotFoundError) return sendError(res, 404, 'case_not_found', error.message);
  if (error instanceof NotYourCaseError) return sendError(res, 403, 'not_your_case', error.message, { agent: error.agent ?? null });
  if (error instanceof CaseConflictError) return sendError(res, 409, 'case_conflict', error.message, { status: error.status, agent: error.agent ?? null });
  logger.error('agent action failed', { error, stack: (error as Error).stack });
  sendError(res, 502, 'action_failed', `the action could not be completed: ${(error as Error).message}`);
}
