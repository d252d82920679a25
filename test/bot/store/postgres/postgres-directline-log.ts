import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Activity } from 'botbuilder';
import type pg from 'pg';
import { ConversationsBusyError, type ActivitySet, type ConversationLimits } from '../../../../bot/channels/directline/directline-conversations.js';
import { migrate, PostgresDirectLineLog, PostgresNotifications } from '../../../../bot/store/postgres/index.js';
import { databaseUrlIn, freshSchema } from '../../../support/postgres.js';

/** Registers this file's tests; ../stores.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function postgresPostgresDirectlineLog(): void {
  // Two "instances" in one process: each its own pool, listener and log, on one schema.
  const LIMITS: ConversationLimits = {
    historyPerConversation: 1000,
    historyBytesPerConversation: 1_000_000,
    maxConversations: 2,
    idleMs: 600_000,
    emptyMs: 600_000,
  };
  /** Long enough to append while instance A's listener is away. */
  const RECONNECT_AFTER_MS = 1500;

  let schema: Awaited<ReturnType<typeof freshSchema>>;
  let admin: pg.Pool;
  const opened: { log: PostgresDirectLineLog; notifications: PostgresNotifications }[] = [];

  async function instance(): Promise<{ log: PostgresDirectLineLog; notifications: PostgresNotifications }> {
    const notifications = await PostgresNotifications.open(databaseUrlIn(schema.name), schema.name, () => undefined, RECONNECT_AFTER_MS);
    const log = new PostgresDirectLineLog(schema.pool(), notifications, LIMITS);
    opened.push({ log, notifications });
    return { log, notifications };
  }

  beforeAll(async () => {
    schema = await freshSchema();
    admin = schema.pool();
    await migrate(admin);
  });
  afterAll(async () => {
    for (const { log, notifications } of opened) {
      log.close();
      await notifications.close();
    }
    await schema.drop();
  });

  function collector(): {
    sets: ActivitySet[];
    texts: () => string[];
    until(count: number, timeoutMs?: number): Promise<void>;
    listener: (set: ActivitySet) => void;
  } {
    const sets: ActivitySet[] = [];
    const texts = () => sets.flatMap((set) => set.activities.map((activity) => activity.text ?? ''));
    return {
      sets,
      texts,
      listener: (set) => sets.push(set),
      async until(count, timeoutMs = 5000) {
        const deadline = Date.now() + timeoutMs;
        while (texts().length < count) {
          if (Date.now() > deadline) throw new Error(`received only ${JSON.stringify(texts())}`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      },
    };
  }

  const message = (text: string): Partial<Activity> => ({ type: 'message', text, from: { id: 'bot', name: 'Vastaa' } });

  describe('PostgresDirectLineLog across instances', () => {
    test('a stream on instance A receives, once and in order, what instance B appends, also ten appends at once', async () => {
      const a = await instance();
      const b = await instance();
      await a.log.open('conv-order');
      const received = collector();
      const unsubscribe = await a.log.subscribe('conv-order', undefined, received.listener);
      const appended = await Promise.all(Array.from({ length: 10 }, (_, index) => b.log.append('conv-order', message(`m${index}`))));
      await received.until(10);
      // Each append got its own watermark; the stream saw them in watermark order, each once.
      expect(new Set(appended.map((activity) => activity.id)).size).toBe(10);
      const order = appended
        .map((activity) => activity.text!)
        .sort((x, y) => appended.find((a) => a.text === x)!.id.localeCompare(appended.find((a) => a.text === y)!.id));
      expect(received.texts()).toEqual(order);
      const watermarks = received.sets.map((set) => Number(set.watermark));
      expect([...watermarks].sort((x, y) => x - y)).toEqual(watermarks);
      expect((await a.log.after('conv-order', undefined)).activities.map((activity) => activity.text)).toEqual(order);
      unsubscribe();
    });

    test('a dropped listener (pg_terminate_backend) reconnects and catches up from the database', async () => {
      const a = await instance();
      const b = await instance();
      await a.log.open('conv-dropped');
      const received = collector();
      await a.log.subscribe('conv-dropped', undefined, received.listener);
      await b.log.append('conv-dropped', message('before'));
      await received.until(1);

      const pid = await a.notifications.backendPid();
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      const deadline = Date.now() + 5000;
      while (a.notifications.listening) {
        if (Date.now() > deadline) throw new Error('the listener did not notice it was dropped');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      // Appended while A hears nothing: its notification is lost for A.
      await b.log.append('conv-dropped', message('while away'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received.texts()).toEqual(['before']);

      await received.until(2, RECONNECT_AFTER_MS + 5000);
      expect(a.notifications.listening).toBe(true);
      expect(await a.notifications.backendPid()).not.toBe(pid);
      expect(received.texts()).toEqual(['before', 'while away']);
      // And it hears notifications again.
      await b.log.append('conv-dropped', message('after'));
      await received.until(3);
      expect(received.texts()).toEqual(['before', 'while away', 'after']);
    });

    test('the cap of conversations with a customer counts every instance', async () => {
      await admin.query('DELETE FROM directline_conversations');
      const a = await instance();
      const b = await instance();
      await a.log.engage('cap-1');
      await b.log.engage('cap-2');
      expect(await a.log.isFull()).toBe(true);
      await expect(b.log.engage('cap-3')).rejects.toBeInstanceOf(ConversationsBusyError);
      await expect(a.log.open('cap-4')).rejects.toBeInstanceOf(ConversationsBusyError);
      // A conversation already held goes on, on either instance.
      expect(await b.log.open('cap-1')).toEqual({ created: false });
    });
  });
}
