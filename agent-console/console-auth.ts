import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'restify';
import type { TrustedProxies } from '../bot/client-address.js';
import { sendError } from '../bot/http-server.js';
import type { Agent, AgentDirectory } from './agent-directory.js';
import type { AgentSession, SessionStore } from './session-store.js';

export const SESSION_COOKIE = 'vastaa_agent';

/** Who is calling: a signed-in agent (session) or an integration acting for an agent (API token). */
export interface Caller {
  agent: Agent;
  session?: AgentSession;
}

/**
 * Decides who a request comes from. Agents carry the session cookie; integrations send
 * `Authorization: Bearer <AGENT_API_TOKEN>` and `X-Agent-Login: <login>` to act as that agent.
 */
export class ConsoleAuth {
  constructor(
    private readonly sessions: SessionStore,
    private readonly directory: AgentDirectory,
    private readonly apiToken: string | undefined,
    /** Decide whether a request came over HTTPS: X-Forwarded-Proto counts only from these (TRUSTED_PROXIES). */
    private readonly proxies: TrustedProxies,
  ) {}

  async callerOf(req: Request): Promise<Caller | undefined> {
    const id = sessionIdOf(req);
    const session = this.sessions.touch(id);
    if (session) {
      const agent = await this.directory.find(session.login);
      // An agent removed from the file is signed out at their next request.
      if (agent) return { agent, session };
      this.sessions.endAllOf(session.login);
      return undefined;
    }
    const token = /^Bearer (.+)$/i.exec(req.header('authorization') ?? '')?.[1];
    if (this.apiToken && token && sameText(token, this.apiToken)) {
      const agent = await this.directory.find(String(req.header('x-agent-login') ?? ''));
      if (agent) return { agent };
    }
    return undefined;
  }

  /** The caller, or undefined after answering 401 itself. */
  async require(req: Request, res: Response): Promise<Caller | undefined> {
    const caller = await this.callerOf(req);
    if (caller) return caller;
    const viaToken = /^Bearer /i.test(req.header('authorization') ?? '');
    sendError(
      res,
      401,
      'unauthorised',
      viaToken && this.apiToken
        ? 'send Authorization: Bearer <AGENT_API_TOKEN> and X-Agent-Login naming an agent in the agents file'
        : 'sign in first: POST /api/agent/sign-in with your login and password',
    );
    return undefined;
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

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
