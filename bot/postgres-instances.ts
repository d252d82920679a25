import type { Middleware } from 'botbuilder';
import type { Pool } from 'pg';
import type { Logger } from '../core/index.js';
import type { CaseChangeFeed, HandoffStore } from '../handoff/index.js';
import type { AgentConsoleDeps } from './agent-console/build-agent-console.js';
import type { ChannelDeps } from './channels/build-channels.js';
import type { CustomerTypingFeed } from './turn/customer-typing.js';
import type { RetentionResult } from './operations/retention.js';
import { randomUUID } from 'node:crypto';
import {
  PostgresAgentDirectory,
  PostgresAgentPresence,
  PostgresCaseChanges,
  PostgresDirectLineLog,
  PostgresRateLimit,
  PostgresSessionStore,
  PostgresSharedPages,
  PostgresSignInLimiter,
  PostgresSpentTokens,
  SharedCustomerTyping,
  SharedUndelivered,
  whenAdvisoryLockFree,
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
  /** Customers' pages, per-address allowances and used stream tokens, the same on every instance. */
  directLineShared: NonNullable<ChannelDeps['directLineShared']>;
  /** The customer's typing, shown by the consoles of every instance whichever instance it reached. */
  customerTyping(local: CustomerTypingFeed): SharedCustomerTyping;
  /** Agent messages sent while the customer was away, told to every instance (the one the customer comes back to records them delivered). */
  undelivered: SharedUndelivered;
  /** Every instance's case changes, for the console's live stream. */
  caseChanges(local: CaseChangeFeed, store: HandoffStore): { feed: CaseChangeFeed; close(): void };
  /** Sessions, sign-in counts, agents and their presence shared by the instances. */
  console: NonNullable<AgentConsoleDeps['shared']>;
  /** Runs a retention round unless another instance runs one now. */
  retention(round: () => Promise<RetentionResult>): () => Promise<RetentionResult>;
  /** True when PostgreSQL answers within DATABASE_CHECK_MS and this instance still hears the others. */
  databaseOk(): Promise<boolean>;
}

export function postgresInstances(postgres: PostgresStores, logger: Logger): PostgresInstances {
  const problem = (text: string, error: unknown) => logger.error(text, { error });
  const warning = (text: string, error: unknown) => logger.warn(text, { error });
  // Names this instance's rows of what it serves now (open consoles, customers' pages): rows of a killed instance go stale.
  const instance = randomUUID();
  return {
    turnLock: new ConversationTurnLock((name, stateKey, work) => postgres.turnLock.run(name, stateKey, work)),
    directLineLog: (limits, clock) => new PostgresDirectLineLog(postgres.pool, postgres.notifications, limits, clock, problem),
    directLineShared: {
      pages: (clock, forgetMs) => new PostgresSharedPages(postgres.pool, instance, clock, forgetMs, warning),
      rateLimit: (scope, perMinute, clock) => new PostgresRateLimit(postgres.pool, scope, perMinute, clock),
      spentTokens: (clock) => new PostgresSpentTokens(postgres.pool, clock),
    },
    customerTyping: (local) => new SharedCustomerTyping(local, postgres.pool, postgres.notifications, warning),
    undelivered: new SharedUndelivered(postgres.pool, postgres.notifications, warning),
    caseChanges: (local, store) => new PostgresCaseChanges(local, postgres.pool, postgres.notifications, store, problem),
    console: {
      sessions: (idleMs, clock) => new PostgresSessionStore(postgres.pool, idleMs, clock),
      limiter: (limits, clock) => new PostgresSignInLimiter(postgres.pool, limits, clock),
      agents: new PostgresAgentDirectory(postgres.pool),
      presence: (options) => PostgresAgentPresence.open(postgres.pool, postgres.notifications, { ...options, instance }),
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
