import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type pg from 'pg';
import { migrate, PostgresStorage, PostgresTurnLock, StaleStateError, whenAdvisoryLockFree } from '../../../../bot/store/postgres/index.js';
import { freshSchema } from '../../../support/postgres.js';

/** Registers this file's tests; ../stores.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function postgresTurnLock(): void {
  // Each instance: a pool for queries, a pool for locks, the turn lock and the storage over them.
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  beforeAll(async () => {
    schema = await freshSchema();
    await migrate(schema.pool());
  });
  afterAll(async () => schema.drop());

  /** Every statement sent on the pool's connections, in order. */
  function countingPool(): { pool: pg.Pool; statements: string[] } {
    const pool = schema.pool();
    const statements: string[] = [];
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        const [config] = args;
        statements.push(typeof config === 'string' ? config : ((config as { text?: string }).text ?? '?'));
        return query(...args);
      };
    });
    return { pool, statements };
  }

  function instance() {
    const queries = countingPool();
    const locks = countingPool();
    const turnLock = new PostgresTurnLock(locks.pool);
    return { turnLock, storage: new PostgresStorage(queries.pool, turnLock), queries: queries.statements, locks: locks.statements, lockPool: locks.pool };
  }

  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  describe('the turn lock carries the conversation state', () => {
    test('a turn reads its state with the lock and writes it with the unlock: two round trips, none on the query pool', async () => {
      const one = instance();
      await one.turnLock.run('turn:c/one', 'c/conversations/one/', async () => {
        const read = await one.storage.read(['c/conversations/one/']);
        expect(read).toEqual({});
        await one.storage.write({ 'c/conversations/one/': { turns: 1 } });
      });
      expect(one.locks).toHaveLength(2);
      expect(one.queries).toHaveLength(0);
      const stored = await one.storage.read(['c/conversations/one/']);
      expect(stored['c/conversations/one/']).toMatchObject({ turns: 1 });
    });

    test('turns of one conversation on two instances run one after the other, and the second reads what the first wrote', async () => {
      const [a, b] = [instance(), instance()];
      const key = 'c/conversations/two/';
      const turn = (at: ReturnType<typeof instance>, label: string, events: string[]) =>
        at.turnLock.run('turn:c/two', key, async () => {
          const item = (await at.storage.read([key]))[key] as { seen?: string[]; eTag?: string } | undefined;
          events.push(`${label} in`);
          await pause(100);
          await at.storage.write({ [key]: { ...item, seen: [...(item?.seen ?? []), label] } });
          events.push(`${label} out`);
        });
      const events: string[] = [];
      await Promise.all([turn(a, 'a', events), pause(30).then(() => turn(b, 'b', events))]);
      expect(events).toEqual(['a in', 'a out', 'b in', 'b out']);
      expect((await a.storage.read([key]))[key]).toMatchObject({ seen: ['a', 'b'] });
    });

    test('a state write with a stale eTag fails the turn after it, and the lock is free again', async () => {
      const one = instance();
      const other = instance();
      const key = 'c/conversations/stale/';
      await one.storage.write({ [key]: { turns: 1 } });
      const turn = one.turnLock.run('turn:c/stale', key, async () => {
        const read = (await one.storage.read([key]))[key]!;
        // Another writer that did not take the lock (a bug elsewhere) changes the row meanwhile.
        await other.storage.write({ [key]: { turns: 5 } });
        await one.storage.write({ [key]: { ...read, turns: 2 } });
      });
      await expect(turn).rejects.toBeInstanceOf(StaleStateError);
      expect((await one.storage.read([key]))[key]).toMatchObject({ turns: 5 });
      expect(await whenAdvisoryLockFree(other.lockPool, 'turn:c/stale', async () => 'free')).toEqual({ ran: true, result: 'free' });
    });

    test('a failing turn still writes the state it saved and gives the lock back', async () => {
      const one = instance();
      const key = 'c/conversations/failing/';
      const turn = one.turnLock.run('turn:c/failing', key, async () => {
        await one.storage.write({ [key]: { saved: true } });
        throw new Error('turn failed after saving');
      });
      await expect(turn).rejects.toThrow('turn failed after saving');
      expect((await one.storage.read([key]))[key]).toMatchObject({ saved: true });
      expect(await whenAdvisoryLockFree(one.lockPool, 'turn:c/failing', async () => 'free')).toEqual({ ran: true, result: 'free' });
    });

    test('a read of the state after its write in the same turn sees the write', async () => {
      const one = instance();
      const key = 'c/conversations/reread/';
      await one.turnLock.run('turn:c/reread', key, async () => {
        await one.storage.read([key]);
        await one.storage.write({ [key]: { step: 'asked' } });
        expect((await one.storage.read([key]))[key]).toMatchObject({ step: 'asked' });
      });
    });

    test('a delete of the state in the turn is not undone by the held-back write', async () => {
      const one = instance();
      const key = 'c/conversations/deleted/';
      await one.turnLock.run('turn:c/deleted', key, async () => {
        await one.storage.write({ [key]: { step: 'asked' } });
        await one.storage.delete([key]);
      });
      expect(await one.storage.read([key])).toEqual({});
    });

    test('text with quotes and backslashes is stored as it was written', async () => {
      const one = instance();
      const key = "c/conversations/it's \\ odd/";
      const text = "O'Brien said \\n 'hi' \\\\ \u0000 end";
      await one.turnLock.run("turn:c/it's", key, async () => {
        await one.storage.read([key]);
        await one.storage.write({ [key]: { text } });
      });
      expect((await one.storage.read([key]))[key]).toMatchObject({ text: text.replace('\u0000', '\uFFFD') });
    });
  });
}
