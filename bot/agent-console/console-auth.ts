import type { Request, Response } from 'restify';
import type { TrustedProxies } from '../http/client-address.js';
import { sendError } from '../http/http-server.js';
import type { IntegrationToken } from './integration-tokens.js';
import { sameText, type Logger } from '../../core/index.js';
import type { Agent, AgentList } from './agent-directory.js';
import type { AgentSession, SessionStore } from './session-store.js';
import { mayUse, rolesFor, type ConsoleArea } from './console-roles.js';

export const SESSION_COOKIE = 'vastaa_agent';

/** Who is calling: a signed-in agent (session) or an integration acting for an agent (API token). */
export interface Caller {
  agent: Agent;
  session?: AgentSession;
  /** The integration token used, when not a session: its name goes in the log, its scope limits it. */
  integration?: Omit<IntegrationToken, 'token'>;
}

/** What a route needs: `read` for GET routes, `act` for every route that changes something. */
export type Need = 'read' | 'act';

/**
 * Decides who a request comes from. Agents carry the session cookie; integrations send
 * `Authorization: Bearer <token>` (one of AGENT_API_TOKENS) and `X-Agent-Login: <login>` to act
 * as that agent (a token bound to one login may leave the header out).
 */
export class ConsoleAuth {
  constructor(
    private readonly sessions: SessionStore,
    private readonly directory: AgentList,
    private readonly tokens: readonly IntegrationToken[],
    private readonly proxies: TrustedProxies,
    private readonly logger: Logger,
  ) {}

  async callerOf(req: Request): Promise<Caller | undefined> {
    const id = sessionIdOf(req);
    const session = await this.sessions.touch(id);
    if (session) {
      const agent = await this.directory.find(session.login);
      // An agent removed from the file is signed out at their next request.
      if (agent) return { agent, session };
      await this.sessions.endAllOf(session.login);
      return undefined;
    }
    const integration = this.tokenOf(req);
    if (!integration) return undefined;
    const named = String(req.header('x-agent-login') ?? '') || integration.login;
    if (!named || (integration.login && named !== integration.login)) return undefined;
    const agent = await this.directory.find(named);
    if (!agent) return undefined;
    const { token: _secret, ...visible } = integration;
    return { agent, integration: visible };
  }

  /**
   * The caller, or undefined after answering 401 (nobody) or 403 (a role without this area, or a
   * read-only token on a route that acts) itself. Integrations that act are logged by name, so the log
   * says which one did what. Every route of the agent API is in the cases area unless it says otherwise.
   */
  async require(req: Request, res: Response, need: Need = 'read', area: ConsoleArea = 'cases'): Promise<Caller | undefined> {
    const caller = await this.callerOf(req);
    if (!caller) {
      const viaToken = /^Bearer /i.test(req.header('authorization') ?? '');
      sendError(
        res,
        401,
        'unauthorised',
        viaToken && this.tokens.length > 0
          ? 'send Authorization: Bearer <an AGENT_API_TOKENS token> and X-Agent-Login naming an agent in the agents file (the one the token is bound to, if any)'
          : 'sign in first: POST /api/agent/sign-in with your login and password',
      );
      return undefined;
    }
    if (!mayUse(caller.agent.role, area)) {
      const where = area === 'studio' ? 'the studio' : 'cases';
      const instead = area === 'studio' ? 'cases are at /agent' : 'the studio is at /studio';
      sendError(
        res,
        403,
        'wrong_role',
        `only these roles may open ${where}: ${rolesFor(area)}; ${caller.agent.login} is ${caller.agent.role} (${instead}; an admin changes roles with \`npm run agents -- role <login> <role>\`)`,
        { role: caller.agent.role },
      );
      return undefined;
    }
    if (caller.integration) {
      if (need === 'act' && caller.integration.scope !== 'act') {
        sendError(
          res,
          403,
          'read_only_token',
          `the integration token "${caller.integration.name}" may only read; give it the act scope in AGENT_API_TOKENS to change cases`,
        );
        return undefined;
      }
      const line = {
        integration: caller.integration.name,
        login: caller.agent.login,
        method: req.method,
        path: req.path(),
        address: this.proxies.clientAddress(req),
      };
      if (need === 'act') this.logger.info('integration acted', line);
      else this.logger.debug('integration read', line);
    }
    return caller;
  }

  /** The integration whose token the request carries; every token is compared, each in constant time. */
  private tokenOf(req: Request): IntegrationToken | undefined {
    const sent = /^Bearer (.+)$/i.exec(req.header('authorization') ?? '')?.[1];
    if (!sent) return undefined;
    let found: IntegrationToken | undefined;
    for (const token of this.tokens) if (sameText(sent, token.token) && !found) found = token;
    return found;
  }

  /**
   * The session cookie: only the server reads it (HttpOnly), never sent from another site
   * (SameSite=Strict), and Secure when the request came over HTTPS. A client cannot claim HTTPS
   * with its own X-Forwarded-Proto; only a trusted proxy can.
   */
  sessionCookie(req: Request, value: string, maxAgeSeconds: number): string {
    const secure = this.proxies.isHttps(req) ? '; Secure' : '';
    return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${Math.max(0, Math.round(maxAgeSeconds))}${secure}`;
  }
}

export function sessionIdOf(req: Request): string | undefined {
  const cookies = String(req.header('cookie') ?? '');
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}
