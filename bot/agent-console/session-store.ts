import { randomBytes } from 'node:crypto';

export interface AgentSession {
  id: string;
  login: string;
  createdAt: number;
  /** Moves forward on every use: a session ends after `idleMs` without the console being used. */
  expiresAt: number;
}

/**
 * Signed-in agents, kept on the server (the cookie holds only a random id, 256 bits). In memory:
 * a restart signs everyone out, which is the safe direction for a console on one server.
 */
export class SessionStore {
  private readonly sessions = new Map<string, AgentSession>();

  constructor(
    private readonly idleMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  start(login: string): AgentSession {
    this.prune();
    const at = this.now();
    const session = { id: randomBytes(32).toString('base64url'), login, createdAt: at, expiresAt: at + this.idleMs };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id, its expiry moved forward; undefined when unknown or expired. */
  touch(id: string | undefined): AgentSession | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const at = this.now();
    if (session.expiresAt <= at) {
      this.sessions.delete(id);
      return undefined;
    }
    session.expiresAt = at + this.idleMs;
    return session;
  }

  /** True while the session is live, without counting this as use (a page left open does not keep it alive). */
  isLive(id: string): boolean {
    const session = this.sessions.get(id);
    return session !== undefined && session.expiresAt > this.now();
  }

  /** How many agents are signed in now (each login once): the agents on duty, for the queue's expected wait. */
  signedInAgents(): number {
    this.prune();
    return new Set([...this.sessions.values()].map((session) => session.login)).size;
  }

  end(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  /** Ends every session of a login (e.g. removed from the agents file). */
  endAllOf(login: string): void {
    for (const [id, session] of this.sessions) if (session.login === login) this.sessions.delete(id);
  }

  private prune(): void {
    const at = this.now();
    for (const [id, session] of this.sessions) if (session.expiresAt <= at) this.sessions.delete(id);
  }
}
