import { afterEach, describe, expect, test } from '@jest/globals';
import { POLL_PRESENCE_MS } from '../../../../bot/channels/directline/directline-conversations.js';
import {
  CONSOLE_STALE_MS,
  migrate,
  PostgresAgentPresence,
  PostgresNotifications,
  PostgresRateLimit,
  PostgresSharedPages,
  PostgresSpentTokens,
} from '../../../../bot/store/postgres/index.js';
import { createMemoryLogger } from '../../../../core/index.js';
import { databaseUrlIn, freshSchema } from '../../../support/postgres.js';
import { TestClock } from '../contracts/shared-runtime-contracts.js';

/** Registers this file's tests; ../stores.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function postgresSharedPresence(): void {
  // Two "instances": two pools and two listeners on one schema; nothing shared in memory.
  let schema: Awaited<ReturnType<typeof freshSchema>> | undefined;
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await schema?.drop();
    schema = undefined;
  });

  async function migratedSchema() {
    schema = await freshSchema();
    await migrate(schema.pool());
    return schema;
  }

  async function presenceOf(instance: string, clock: TestClock, offlineAfterMs = 60_000) {
    const { name, pool } = schema!;
    const notifications = await PostgresNotifications.open(databaseUrlIn(name), name, () => undefined);
    const presence = await PostgresAgentPresence.open(pool(), notifications, {
      instance,
      offlineAfterMs,
      now: clock.date,
      clock: clock.now,
      logger: createMemoryLogger(),
    });
    closers.push(
      () => notifications.close(),
      () => presence.close(),
    );
    return presence;
  }

  async function until(done: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`not so within ${timeoutMs} ms: ${done.toString()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  describe("agents' presence shared by two instances", () => {
    test('a change on A is known on B, with a changed event there for its router', async () => {
      await migratedSchema();
      const clock = new TestClock();
      const [a, b] = [await presenceOf('a', clock), await presenceOf('b', clock)];
      const heardOnB: string[] = [];
      b.events.on('changed', (login, presence) => heardOnB.push(`${login}:${presence.status}`));
      await a.set('vili', 'online');
      await until(() => b.of('vili').status === 'online');
      expect(b.of('vili')).toEqual(a.of('vili'));
      await b.set('vili', 'away');
      await until(() => a.of('vili').status === 'away');
      expect(heardOnB).toEqual(['vili:online', 'vili:away']);
      // A third instance starting now reads every agent's state; it sets nobody offline.
      const c = await presenceOf('c', clock);
      expect(c.of('vili')).toEqual(b.of('vili'));
    });

    test("A's countdown to offline does not set offline an agent whose console is open on B; a killed B's consoles stop counting when stale", async () => {
      await migratedSchema();
      const clock = new TestClock(Date.now());
      const [a, b] = [await presenceOf('a', clock, 100), await presenceOf('b', clock, 100)];
      await a.set('vili', 'online');
      b.consoleOpened('vili');
      // B's mark is written in the background; A's countdown (100 ms) must meet it stored, as it would a console opened long before.
      expect(await b.openConsolesEverywhere('vili')).toBe(1);
      a.consoleOpened('vili');
      a.consoleClosed('vili');
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(a.of('vili').status).toBe('online');
      expect(await a.openConsolesEverywhere('vili')).toBe(1);
      // B is killed (no close, no heartbeat): once its mark is stale, A's next countdown sets vili offline.
      clock.advance(CONSOLE_STALE_MS + 1);
      expect(await a.openConsolesEverywhere('vili')).toBe(0);
      a.consoleOpened('vili');
      a.consoleClosed('vili');
      await until(() => a.of('vili').status === 'offline');
      await until(() => b.of('vili').status === 'offline');
    });
  });

  describe("customers' pages shared by two instances", () => {
    test('a stream open on A is connected for B; closed, B counts the time away; a poll on B connects it for A', async () => {
      const { pool } = await migratedSchema();
      const clock = new TestClock();
      await pool().query(`INSERT INTO directline_conversations (id, base, next_seq, started_at, last_used) VALUES ('conv-1', 0, 1, $1, $1)`, [clock.ms]);
      const a = new PostgresSharedPages(pool(), 'a', clock.now, 3_600_000, () => undefined);
      const b = new PostgresSharedPages(pool(), 'b', clock.now, 3_600_000, () => undefined);
      closers.push(
        () => a.close(),
        () => b.close(),
      );
      expect(await b.presence('conv-0')).toEqual({ held: false, connected: false });
      await a.write('conv-1', { streams: 1, awaySince: clock.ms });
      expect(await b.presence('conv-1')).toEqual({ held: true, connected: true });
      clock.advance(1000);
      await a.write('conv-1', { streams: 0, awaySince: clock.ms });
      clock.advance(30_000);
      expect(await b.presence('conv-1')).toEqual({ held: true, connected: false, awayMs: 30_000 });
      await b.write('conv-1', { streams: 0, awaySince: clock.ms - 5000, lastPolled: clock.ms });
      expect(await a.presence('conv-1')).toEqual({ held: true, connected: true });
      clock.advance(POLL_PRESENCE_MS + 2000);
      expect(await a.presence('conv-1')).toEqual({ held: true, connected: false, awayMs: 2000 });
    });

    test("the streams of a killed instance count as closed once stale; a gracefully closed instance's at once", async () => {
      const { pool } = await migratedSchema();
      const clock = new TestClock();
      await pool().query(
        `INSERT INTO directline_conversations (id, base, next_seq, started_at, last_used) VALUES ('conv-2', 0, 1, $1, $1), ('conv-3', 0, 1, $1, $1)`,
        [clock.ms],
      );
      const killed = new PostgresSharedPages(pool(), 'killed', clock.now, 3_600_000, () => undefined);
      const stopping = new PostgresSharedPages(pool(), 'stopping', clock.now, 3_600_000, () => undefined);
      const reader = new PostgresSharedPages(pool(), 'reader', clock.now, 3_600_000, () => undefined);
      closers.push(() => reader.close());
      await killed.write('conv-2', { streams: 1, awaySince: clock.ms });
      await stopping.write('conv-3', { streams: 2, awaySince: clock.ms });
      clock.advance(CONSOLE_STALE_MS - 1);
      expect((await reader.presence('conv-2')).connected).toBe(true);
      clock.advance(2);
      expect(await reader.presence('conv-2')).toEqual({ held: true, connected: false, awayMs: CONSOLE_STALE_MS + 1 });
      await stopping.close();
      expect(await reader.presence('conv-3')).toEqual({ held: true, connected: false, awayMs: 0 });
      // A conversation dropped: no page to come back to.
      await pool().query(`DELETE FROM directline_conversations WHERE id = 'conv-3'`);
      expect(await reader.presence('conv-3')).toEqual({ held: false, connected: false });
      await killed.close();
    });
  });

  describe("the built-in Direct Line's allowances and used tokens shared by two instances", () => {
    test('takes at once on two instances never spend more than the allowance', async () => {
      const { pool } = await migratedSchema();
      const clock = new TestClock();
      const [a, b] = [new PostgresRateLimit(pool(), 'starts', 10, clock.now), new PostgresRateLimit(pool(), 'starts', 10, clock.now)];
      const checks = await Promise.all(Array.from({ length: 30 }, (_, index) => (index % 2 === 0 ? a : b).take('198.51.100.20')));
      expect(checks.filter((check) => check.ok)).toHaveLength(10);
      // Another scope is another allowance.
      expect(await new PostgresRateLimit(pool(), 'tokens', 10, clock.now).take('198.51.100.20')).toEqual({ ok: true });
    });

    test('one stream token spent at once on two instances: exactly one succeeds', async () => {
      const { pool } = await migratedSchema();
      const clock = new TestClock();
      const [a, b] = [new PostgresSpentTokens(pool(), clock.now), new PostgresSpentTokens(pool(), clock.now)];
      for (let round = 0; round < 10; round++) {
        const spent = await Promise.all([a.spend(`token-${round}`, clock.ms + 120_000), b.spend(`token-${round}`, clock.ms + 120_000)]);
        expect(spent.filter(Boolean)).toHaveLength(1);
      }
    });
  });
}
