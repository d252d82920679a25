import { afterAll } from '@jest/globals';
import path from 'node:path';
import { FileAgentPresence } from '../../../bot/agent-console/agent-presence.js';
import { MemorySessionStore } from '../../../bot/agent-console/session-store.js';
import { AddressRateLimit } from '../../../bot/channels/directline/address-rate-limit.js';
import { SpentTokens } from '../../../bot/channels/directline/spent-tokens.js';
import { StreamPresence } from '../../../bot/channels/directline/stream-presence.js';
import { createMemoryLogger } from '../../../core/index.js';
import { MemorySignInLimiter } from '../../../bot/agent-console/sign-in-limiter.js';
import { DirectLineConversations } from '../../../bot/channels/directline/directline-conversations.js';
import { memoryDirectLineLog } from '../../../bot/channels/directline/directline-log.js';
import { FileVerificationAttempts } from '../../../bot/store/index.js';
import {
  migrate,
  PostgresAgentPresence,
  PostgresDirectLineLog,
  PostgresNotifications,
  PostgresRateLimit,
  PostgresSharedPages,
  PostgresSpentTokens,
  PostgresSessionStore,
  PostgresSignInLimiter,
  PostgresVerificationAttempts,
} from '../../../bot/store/postgres/index.js';
import { databaseUrlIn, freshSchema } from '../../support/postgres.js';
import { useTempDirs } from '../../support/temp-dirs.js';
import {
  agentPresenceContract,
  pagePresenceContract,
  rateLimitContract,
  spentTokensContract,
  DIRECT_LINE_LIMITS,
  directLineLogContract,
  sessionStoreContract,
  SIGN_IN_LIMITS,
  signInLimiterContract,
  VERIFICATION_LIMITS,
  verificationAttemptsContract,
} from './contracts/shared-runtime-contracts.js';

// What one process kept in memory or in small DATA_DIR files, and PostgreSQL keeps for every
// instance: each contract runs against both. Every PostgreSQL harness gets a migrated schema of its own.
const tempDir = useTempDirs('vastaa-runtime-contract-');
const schemas: Awaited<ReturnType<typeof freshSchema>>[] = [];
afterAll(async () => {
  await Promise.all(schemas.splice(0).map((schema) => schema.drop()));
});

async function migratedSchema(): Promise<Awaited<ReturnType<typeof freshSchema>>> {
  const schema = await freshSchema();
  schemas.push(schema);
  await migrate(schema.pool());
  return schema;
}

verificationAttemptsContract('the file verification attempts', () => {
  let dir: Promise<string> | undefined;
  const file = async () => path.join(await (dir ??= tempDir()), 'verification-attempts.json');
  return {
    open: async () => FileVerificationAttempts.open(await file(), VERIFICATION_LIMITS),
    reopen: async () => FileVerificationAttempts.open(await file(), VERIFICATION_LIMITS),
  };
});

verificationAttemptsContract('the PostgreSQL verification attempts', () => {
  const schema = migratedSchema();
  return {
    open: async () => new PostgresVerificationAttempts((await schema).pool(), VERIFICATION_LIMITS),
    reopen: async () => new PostgresVerificationAttempts((await schema).pool(), VERIFICATION_LIMITS),
  };
});

directLineLogContract('the in-memory Direct Line conversations', () => {
  let conversations: DirectLineConversations | undefined;
  return {
    open: async (clock) => memoryDirectLineLog((conversations = new DirectLineConversations(DIRECT_LINE_LIMITS, clock.now))),
    close: async () => conversations?.close(),
  };
});

directLineLogContract('the PostgreSQL Direct Line conversations', () => {
  const opened: { log: PostgresDirectLineLog; notifications: PostgresNotifications }[] = [];
  const schema = migratedSchema();
  return {
    open: async (clock) => {
      const { name, pool } = await schema;
      const notifications = await PostgresNotifications.open(databaseUrlIn(name), name, () => undefined);
      const log = new PostgresDirectLineLog(pool(), notifications, DIRECT_LINE_LIMITS, clock.now);
      opened.push({ log, notifications });
      return log;
    },
    close: async () => {
      for (const { log, notifications } of opened.splice(0)) {
        log.close();
        await notifications.close();
      }
    },
  };
});

sessionStoreContract('the in-memory sessions', () => ({ open: async (idleMs, clock) => new MemorySessionStore(idleMs, clock.now) }));

sessionStoreContract('the PostgreSQL sessions', () => {
  const schema = migratedSchema();
  return { open: async (idleMs, clock) => new PostgresSessionStore((await schema).pool(), idleMs, clock.now) };
});

signInLimiterContract('the in-memory sign-in limiter', () => ({ open: async (clock) => new MemorySignInLimiter(SIGN_IN_LIMITS, clock.now) }));

signInLimiterContract('the PostgreSQL sign-in limiter', () => {
  const schema = migratedSchema();
  return { open: async (clock) => new PostgresSignInLimiter((await schema).pool(), SIGN_IN_LIMITS, clock.now) };
});

rateLimitContract("this process's per-address rate limit", () => ({ open: async (perMinute, clock) => new AddressRateLimit(perMinute, 10_000, clock.now) }));

rateLimitContract('the PostgreSQL per-address rate limit', () => {
  const schema = migratedSchema();
  return { open: async (perMinute, clock) => new PostgresRateLimit((await schema).pool(), 'tokens', perMinute, clock.now) };
});

spentTokensContract("this process's used stream tokens", () => ({ open: async (clock) => new SpentTokens(1000, clock.now) }));

spentTokensContract('the PostgreSQL used stream tokens', () => {
  const schema = migratedSchema();
  return { open: async (clock) => new PostgresSpentTokens((await schema).pool(), clock.now) };
});

agentPresenceContract('the agent presence file', () => ({
  open: async (clock, offlineAfterMs) =>
    FileAgentPresence.open(path.join(await tempDir(), 'agent-presence.json'), { offlineAfterMs, now: clock.date, logger: createMemoryLogger() }),
}));

const listeners: PostgresNotifications[] = [];
afterAll(async () => {
  for (const notifications of listeners.splice(0)) await notifications.close();
});

agentPresenceContract('the PostgreSQL agent presence', () => {
  const schema = migratedSchema();
  return {
    open: async (clock, offlineAfterMs) => {
      const { name, pool } = await schema;
      const notifications = await PostgresNotifications.open(databaseUrlIn(name), name, () => undefined);
      listeners.push(notifications);
      return PostgresAgentPresence.open(pool(), notifications, { instance: 'contract', offlineAfterMs, now: clock.date, logger: createMemoryLogger() });
    },
  };
});

pagePresenceContract("this process's Direct Line conversations", () => {
  let conversations: DirectLineConversations | undefined;
  return {
    open: async (clock) => {
      conversations = new DirectLineConversations(DIRECT_LINE_LIMITS, clock.now);
      const held = conversations;
      return { log: memoryDirectLineLog(held), presence: { presence: async (id) => held.presence(id), deliveries: held.deliveries } };
    },
    close: async () => conversations?.close(),
  };
});

pagePresenceContract('the Direct Line conversations and pages in PostgreSQL', () => {
  const schema = migratedSchema();
  const closers: (() => Promise<void> | void)[] = [];
  return {
    open: async (clock) => {
      const { name, pool } = await schema;
      const notifications = await PostgresNotifications.open(databaseUrlIn(name), name, () => undefined);
      const shared = new StreamPresence(
        clock.now,
        DIRECT_LINE_LIMITS.idleMs,
        new PostgresSharedPages(pool(), 'contract', clock.now, DIRECT_LINE_LIMITS.idleMs, () => undefined),
      );
      const log = new PostgresDirectLineLog(pool(), notifications, DIRECT_LINE_LIMITS, clock.now);
      closers.push(
        () => notifications.close(),
        () => log.close(),
        () => shared.close(),
      );
      return { log: shared.track(log), presence: shared };
    },
    close: async () => {
      for (const close of closers.splice(0).reverse()) await close();
    },
  };
});
