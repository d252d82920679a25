import type { Pool, PoolClient } from 'pg';
import type { Agent, AgentList } from '../../agent-console/agent-directory.js';
import { DUMMY_HASH, verifyPassword, type DeriveKey } from '../../agent-console/password-hash.js';

interface Row {
  login: string;
  name: string;
  language: Agent['language'];
  role: Agent['role'];
  password_hash: string;
  max_chats: number;
  languages: Agent['languages'];
  teams: string[];
}

const COLUMNS = 'login, name, language, role, password_hash, max_chats, languages, teams';

const toAgent = (row: Row): Agent => ({
  login: row.login,
  name: row.name,
  language: row.language,
  role: row.role,
  passwordHash: row.password_hash,
  maxChats: row.max_chats,
  languages: row.languages,
  teams: row.teams,
});

/**
 * The agents every instance signs in, from the `agents` table that `npm run agents` publishes the
 * agents file to. Read on every call, so an agent added or removed counts on every instance at once
 * (a removed agent's sessions end at their next request).
 */
export class PostgresAgentDirectory implements AgentList {
  constructor(private readonly pool: Pool) {}

  async find(login: string): Promise<Agent | undefined> {
    const { rows } = await this.pool.query<Row>(`SELECT ${COLUMNS} FROM agents WHERE login = $1`, [login]);
    return rows[0] && toAgent(rows[0]);
  }

  async list(): Promise<Agent[]> {
    const { rows } = await this.pool.query<Row>(`SELECT ${COLUMNS} FROM agents ORDER BY login`);
    return rows.map(toAgent);
  }

  /** As AgentDirectory.verify: as long for an unknown login as for a known one. */
  async verify(login: string, password: string, derive?: DeriveKey): Promise<Agent | undefined> {
    const agent = await this.find(login);
    const matches = await verifyPassword(password, agent?.passwordHash ?? DUMMY_HASH, derive);
    return agent && matches ? agent : undefined;
  }
}

/** Replaces the published agents with `agents`, in one transaction: an instance never sees half a list. */
export async function publishAgents(pool: Pool, agents: readonly Agent[]): Promise<void> {
  const client: PoolClient = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('DELETE FROM agents');
    for (const agent of agents) {
      await client.query(`INSERT INTO agents (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
        agent.login,
        agent.name,
        agent.language,
        agent.role,
        agent.passwordHash,
        agent.maxChats,
        JSON.stringify(agent.languages),
        JSON.stringify(agent.teams),
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
