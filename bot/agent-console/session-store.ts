import { randomBytes } from 'node:crypto';

export interface AgentSession {
  id: string;
  login: string;
  createdAt: number;
  /** Moves forward on every use: a session ends after `idleMs` without the console being used. */
  expiresAt: number;
}

/** Signed-in agents, kept on the server (the cookie holds only a random id, 256 bits). */
export interface SessionStore {
  start(login: string): Promise<AgentSession>;
  /** The live session with this id, its expiry moved forward; undefined when unknown or expired. */
  touch(id: string | undefined): Promise<AgentSession | undefined>;
  /** True while the session is live, without counting this as use (a page left open does not keep it alive). */
  isLive(id: string): Promise<boolean>;
  end(id: string | undefined): Promise<void>;
  /** Ends every session of a login (e.g. removed from the agents file). */
  endAllOf(login: string): Promise<void>;
  /** How many agents are signed in now (each login once): the agents on duty, for the queue's expected wait. */
  signedInAgents(): Promise<number>;
}

/** A new session id: 256 random bits. */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The sessions in this process's memory (without DATABASE_URL): a restart signs everyone out, which
 * is the safe direction for a console on one server. PostgresSessionStore shares them between instances.
 */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, AgentSession>();

  constructor(
    private readonly idleMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async start(login: string): Promise<AgentSession> {
    this.prune();
    const at = this.now();
    const session = { id: newSessionId(), login, createdAt: at, expiresAt: at + this.idleMs };
    this.sessions.set(session.id, session);
    return session;
  }

  async touch(id: string | undefined): Promise<AgentSession | undefined> {
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

  async isLive(id: string): Promise<boolean> {
    const session = this.sessions.get(id);
    return session !== undefined && session.expiresAt > this.now();
  }

  async signedInAgents(): Promise<number> {
    this.prune();
    return new Set([...this.sessions.values()].map((session) => session.login)).size;
  }

  async end(id: string | undefined): Promise<void> {
    if (id) this.sessions.delete(id);
  }

  async endAllOf(login: string): Promise<void> {
    for (const [id, session] of this.sessions) if (session.login === login) this.sessions.delete(id);
  }

  private prune(): void {
    const at = this.now();
    for (const [id, session] of this.sessions) if (session.expiresAt <= at) this.sessions.delete(id);
  }
}
