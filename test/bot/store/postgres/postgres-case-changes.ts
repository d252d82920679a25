import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { EventEmitter } from 'node:events';
import type { CaseChange, CaseChangeFeed } from '../../../../handoff/index.js';
import { migrate, PostgresCaseChanges, PostgresHandoffStore, PostgresNotifications } from '../../../../bot/store/postgres/index.js';
import { databaseUrlIn, freshSchema } from '../../../support/postgres.js';
import { caseRecord } from '../contracts/handoff-store-contract.js';

/** Registers this file's tests; ../stores.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function postgresPostgresCaseChanges(): void {
  // Two "instances" in one process, each with its own pool, store, listener and desk feed.
  const RECONNECT_AFTER_MS = 1500;
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  const closers: (() => Promise<void> | void)[] = [];

  interface Instance {
    local: CaseChangeFeed;
    store: PostgresHandoffStore;
    notifications: PostgresNotifications;
    seen: CaseChange[];
  }

  async function instance(): Promise<Instance> {
    const notifications = await PostgresNotifications.open(databaseUrlIn(schema.name), schema.name, () => undefined, RECONNECT_AFTER_MS);
    const pool = schema.pool();
    const store = new PostgresHandoffStore(pool);
    const local: CaseChangeFeed = new EventEmitter<{ change: [CaseChange] }>();
    const changes = new PostgresCaseChanges(local, pool, notifications, store, () => undefined);
    const seen: CaseChange[] = [];
    changes.feed.on('change', (change) => seen.push(change));
    closers.push(
      () => changes.close(),
      () => notifications.close(),
    );
    return { local, store, notifications, seen };
  }

  /** What the desk does: change the case in one transaction, then tell its own feed. */
  async function change(at: Instance, id: string, kind: CaseChange['kind'], status: 'waiting' | 'assigned'): Promise<void> {
    const record = await at.store.transact((tx) => {
      const next = { ...(tx.case(id) ?? caseRecord(id)), status, revision: (tx.case(id)?.revision ?? 0) + 1 };
      tx.putCase(next);
      return next;
    });
    at.local.emit('change', { kind, caseId: id, status: record.status, revision: record.revision });
  }

  async function until(seen: CaseChange[], done: (changes: CaseChange[]) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done(seen)) {
      if (Date.now() > deadline) throw new Error(`saw only ${JSON.stringify(seen)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  beforeAll(async () => {
    schema = await freshSchema();
    await migrate(schema.pool());
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await schema.drop();
  });

  describe('PostgresCaseChanges', () => {
    test("each instance's feed has its own changes at once and the other's as read from the database", async () => {
      const a = await instance();
      const b = await instance();
      await change(b, 'C-00001', 'opened', 'waiting');
      await until(a.seen, (seen) => seen.length === 1);
      expect(a.seen).toEqual([{ kind: 'opened', caseId: 'C-00001', status: 'waiting', revision: 1 }]);
      expect(b.seen).toEqual([{ kind: 'opened', caseId: 'C-00001', status: 'waiting', revision: 1 }]);
      // B does not hear its own announcement a second time.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(b.seen).toHaveLength(1);
    });

    test('after its listener was dropped (pg_terminate_backend) an instance announces the open cases again from the database', async () => {
      const a = await instance();
      const b = await instance();
      await change(b, 'C-00002', 'opened', 'waiting');
      await until(a.seen, (seen) => seen.some((one) => one.caseId === 'C-00002'));

      await schema.pool().query('SELECT pg_terminate_backend($1)', [await a.notifications.backendPid()]);
      while (a.notifications.listening) await new Promise((resolve) => setTimeout(resolve, 10));
      const before = a.seen.length;
      await change(b, 'C-00002', 'claimed', 'assigned');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(a.seen).toHaveLength(before);

      await until(a.seen, (seen) => seen.some((one) => one.caseId === 'C-00002' && one.status === 'assigned'), RECONNECT_AFTER_MS + 5000);
      expect(a.seen.find((one) => one.caseId === 'C-00002' && one.status === 'assigned')).toMatchObject({ revision: 2 });
    });
  });
}
