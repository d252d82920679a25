import type { Middleware } from 'botbuilder';
import type { Pool } from 'pg';
import type { Logger } from '../core/index.js';
import type { CaseChangeFeed, HandoffStore } from '../handoff/index.js';
import type { AgentConsoleDeps } from './agent-console/build-agent-console.js';
import type { ChannelDeps } from './channels/build-channels.js';
import type { RetentionResult } from './operations/retention.js';
import {
  PostgresAgentDirectory,
  PostgresCaseChanges,
  PostgresDirectLineLog,
  PostgresSessionStore,
  PostgresSignInLimiter,
  whenAdvisoryLockFree,
  withAdvisoryLock,
  type PostgresStores,
} from './store/postgres/index.js';
import { ConversationTurnLock } from './turn/conversation-turn-lock.js';

/** How long /healthz and /readyz wait for PostgreSQL to answer before calling it unreachable. */
const DATABASE_CHECK_MS = 2000;

/** What createApp adds with DATABASE_URL so that any number of instances serve the same customers and agents. */
export interface PostgresInstances {
  /** The conversation's turn lock, shared by every instance: the first turn middleware after the in-flight count. */
  turnLock: Middleware;
  /** The built-in Direct Line's conversations in PostgreSQL, with LISTEN/NOTIFY fan-out. */
  directLineLog: NonNullable<ChannelDeps['directLineLog']>;
  /** Every instance's case changes, for the console's live stream. */
  caseChanges(local: CaseChangeFeed, store: HandoffStore): { feed: CaseChangeFeed; close(): void };
  /** Sessions, sign-in counts and agents shared by the instances. */
  console: NonNullable<AgentConsoleDeps['shared']>;
  /** Runs a retention round unless another instance runs one now. */
  retention(round: () => Promise<RetentionResult>): () => Promise<RetentionResult>;
  /** True when PostgreSQL answers within DATABASE_CHECK_MS and this instance still hears the others. */
  databaseOk(): Promise<boolean>;
}

export function postgresInstances(postgres: PostgresStores, logger: Logger): PostgresInstances {
  const problem = (text: string, error: unknown) => logger.error(text, { error });
  return {
    turnLock: new ConversationTurnLock((name, work) => withAdvisoryLock(postgres.locks, name, work)),
    directLineLog: (limits, clock) => new PostgresDirectLineLog(postgres.pool, postgres.notifications, limits, clock, problem),
    caseChanges: (local, store) => new PostgresCaseChanges(local, postgres.pool, postgres.notifications, store, problem),
    console: {
      sessions: (idleMs, clock) => new PostgresSessionStore(postgres.pool, idleMs, clock),
      limiter: (limits, clock) => new PostgresSignInLimiter(postgres.pool, limits, clock),
      agents: new PostgresAgentDirectory(postgres.pool),
    },
    // The others skip the round: they would find nothing left to delete anyway.
    retention: (round) => async () => {
      const ran = await whenAdvisoryLockFree(postgres.locks, 'retention', round);
      return ran.ran ? ran.result : { cases: 0, transcripts: 0, inboxItems: 0 };
    },
    databaseOk: () => databaseAnswers(postgres.pool, () => postgres.notifications.listening),
  };
}

async function databaseAnswers(pool: Pool, listening: () => boolean): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), DATABASE_CHECK_MS)));
  const answered = pool.query('SELECT 1').then(
    () => true,
    () => false,
  );
  try {
    return (await Promise.race([answered, late])) && listening();
  } finally {
    clearTimeout(timer);
  }
}
