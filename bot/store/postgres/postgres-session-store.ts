import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { newSessionId, type AgentSession, type SessionStore } from '../../agent-console/session-store.js';

interface Row {
  login: string;
  created_at: string;
  expires_at: string;
}

/**
 * Agent sessions in PostgreSQL: an agent who signed in through one instance is signed in on all of
 * them, and signing out (or the agent's removal) ends the session everywhere. Only the SHA-256 of
 * the session id is stored, so a copy of the table signs nobody in.
 */
export class PostgresSessionStore implements SessionStore {
  constructor(
    private readonly pool: Pool,
    private readonly idleMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async start(login: string): Promise<AgentSession> {
    const at = this.now();
    await this.pool.query('DELETE FROM agent_sessions WHERE expires_at <= $1', [at]);
    const session = { id: newSessionId(), login, createdAt: at, expiresAt: at + this.idleMs };
    await this.pool.query('INSERT INTO agent_sessions (id_hash, login, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
      hashOf(session.id),
      login,
      session.createdAt,
      session.expiresAt,
    ]);
    return session;
  }

  async touch(id: string | undefined): Promise<AgentSession | undefined> {
    if (!id) return undefined;
    const at = this.now();
    const { rows } = await this.pool.query<Row>(
      'UPDATE agent_sessions SET expires_at = $3 WHERE id_hash = $1 AND expires_at > $2 RETURNING login, created_at, expires_at',
      [hashOf(id), at, at + this.idleMs],
    );
    const row = rows[0];
    if (!row) return undefined;
    return { id, login: row.login, createdAt: Number(row.created_at), expiresAt: Number(row.expires_at) };
  }

  async isLive(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM agent_sessions WHERE id_hash = $1 AND expires_at > $2', [hashOf(id), this.now()]);
    return (rowCount ?? 0) > 0;
  }

  async end(id: string | undefined): Promise<void> {
    if (id) await this.pool.query('DELETE FROM agent_sessions WHERE id_hash = $1', [hashOf(id)]);
  }

  async signedInAgents(): Promise<number> {
    const { rows } = await this.pool.query<{ agents: string }>('SELECT count(DISTINCT login) AS agents FROM agent_sessions WHERE expires_at > $1', [
      this.now(),
    ]);
    return Number(rows[0]?.agents ?? 0);
  }

  async endAllOf(login: string): Promise<void> {
    await this.pool.query('DELETE FROM agent_sessions WHERE login = $1', [login]);
  }
}

function hashOf(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}
