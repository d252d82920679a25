import type pg from 'pg';
import { hashPassword } from '../../bot/agent-console/password-hash.js';
import { publishAgents } from '../../bot/store/postgres/index.js';
import { ANNA, VILI } from './vastaa.js';

/**
 * Vili and Anna as `npm run agents -- publish` would put them in PostgreSQL (with DATABASE_URL every
 * instance reads the agents from the database): agents speaking Finnish and English, three chats each.
 */
export async function publishTestAgents(pool: pg.Pool): Promise<void> {
  await publishAgents(
    pool,
    await Promise.all(
      [VILI, ANNA].map(async ({ password, ...agent }) => ({
        maxChats: 3,
        languages: ['fi' as const, 'en' as const],
        teams: [],
        ...agent,
        role: 'agent' as const,
        passwordHash: await hashPassword(password),
      })),
    ),
  );
}
