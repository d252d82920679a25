import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type pg from 'pg';
import { whenAdvisoryLockFree, withAdvisoryLock } from '../../../../bot/store/postgres/index.js';
import pgModule from 'pg';
import { freshSchema, testDatabaseUrl } from '../../../support/postgres.js';

/** Registers this file's tests; ../stores.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function postgresAdvisoryLock(): void {
  // Two pools stand for two instances.
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  let one: pg.Pool;
  let two: pg.Pool;
  beforeAll(async () => {
    schema = await freshSchema();
    [one, two] = [schema.pool(), schema.pool()];
  });
  afterAll(async () => schema.drop());

  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  describe('advisory locks across instances', () => {
    test('withAdvisoryLock runs the work of two instances on one name one after the other, other names at once', async () => {
      const events: string[] = [];
      const work = (pool: pg.Pool, name: string, label: string) =>
        withAdvisoryLock(pool, name, async () => {
          events.push(`${label} in`);
          await pause(150);
          events.push(`${label} out`);
        });
      await Promise.all([work(one, 'turn:x', 'a'), pause(30).then(() => work(two, 'turn:x', 'b')), pause(30).then(() => work(two, 'turn:y', 'c'))]);
      expect(events.indexOf('b in')).toBeGreaterThan(events.indexOf('a out'));
      expect(events.indexOf('c in')).toBeLessThan(events.indexOf('a out'));
    });

    test('whenAdvisoryLockFree skips the round while another instance holds the lock, and runs once it is free', async () => {
      let release!: () => void;
      const held = whenAdvisoryLockFree(one, 'retention', () => new Promise<string>((resolve) => (release = () => resolve('first'))));
      await pause(100);
      expect(await whenAdvisoryLockFree(two, 'retention', async () => 'second')).toEqual({ ran: false });
      release();
      expect(await held).toEqual({ ran: true, result: 'first' });
      expect(await whenAdvisoryLockFree(two, 'retention', async () => 'second')).toEqual({ ran: true, result: 'second' });
    });

    test('a failing job gives the lock back', async () => {
      await expect(withAdvisoryLock(one, 'turn:z', async () => Promise.reject(new Error('turn failed')))).rejects.toThrow('turn failed');
      expect(await whenAdvisoryLockFree(two, 'turn:z', async () => 'free')).toEqual({ ran: true, result: 'free' });
    });

    test('a turn waits while the server is full (too many connections) and runs once there is room, instead of failing', async () => {
      // A role allowed one connection stands for a server at max_connections: the server itself refuses.
      const role = `full_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = new pgModule.Pool({ connectionString: testDatabaseUrl(), max: 1 });
      await admin.query(`CREATE ROLE ${role} LOGIN CONNECTION LIMIT 1`);
      const url = new URL(testDatabaseUrl());
      url.username = role;
      const holder = new pgModule.Pool({ connectionString: url.toString(), max: 1 });
      const turns = new pgModule.Pool({ connectionString: url.toString(), max: 1 });
      try {
        const held = await holder.connect();
        const refused = await turns.query('SELECT 1').catch((error: { code?: string }) => error.code);
        expect(refused).toBe('53300');
        setTimeout(() => held.release(true), 400);
        const started = Date.now();
        await expect(withAdvisoryLock(turns, 'turn:full', async () => 'answered')).resolves.toBe('answered');
        expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      } finally {
        await Promise.all([holder.end(), turns.end()]);
        await admin.query(`DROP ROLE ${role}`);
        await admin.end();
      }
    });
  });
}
