import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { rm } from 'node:fs/promises';
import { migrate } from '../../bot/store/postgres/index.js';
import { DirectLineClient } from '../support/direct-line-client.js';
import { databaseUrlIn, freshSchema } from '../support/postgres.js';
import { publishTestAgents } from '../support/published-agents.js';
import { ANNA, startVastaa, VILI, type Vastaa } from '../support/vastaa.js';

// Two instances routing cases (CASE_ROUTING=on) on one PostgreSQL schema, and a third one shut down
// gracefully while customers wait and stream: presence decided on one instance routes on the other,
// and the shutdown closes the connections only after everything that uses them has stopped.
const TOKEN_KEY = 'routing-and-shutdown-key-0123456789abcdef';

let schema: Awaited<ReturnType<typeof freshSchema>>;
let a: Vastaa;
let b: Vastaa;
const env = () => ({ DATABASE_URL: databaseUrlIn(schema.name), DIRECT_LINE_TOKEN_KEY: TOKEN_KEY, CASE_ROUTING: 'on' });

beforeAll(async () => {
  schema = await freshSchema();
  await migrate(schema.pool());
  await publishTestAgents(schema.pool());
  [a, b] = await Promise.all([startVastaa({ env: env() }), startVastaa({ env: env() })]);
});
afterAll(async () => {
  await Promise.all([a, b].map((instance) => instance?.stop()));
  await schema.drop();
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not so within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function caseOfNewCustomer(instance: Vastaa): Promise<{ customer: DirectLineClient; caseId: string }> {
  const customer = new DirectLineClient(`${instance.url}/v3/directline`);
  await customer.start();
  expect((await customer.post({ type: 'message', text: 'haluan puhua ihmisen kanssa' })).status).toBe(200);
  const caseId = (await instance.app.desk.agent.conversation(`vastaa-directline/${customer.conversationId}`))!.openCaseId!;
  return { customer, caseId };
}

describe("agents' presence across instances (DATABASE_URL, CASE_ROUTING=on)", () => {
  test('an agent who signs in through A is online on B, and B routes them the case a customer opens through B; signed out through B, A routes them nothing more', async () => {
    const cookie = await a.signIn(VILI);
    await until(
      async () => (await b.call('GET', '/api/agent/presence', { cookie })).body?.presence?.status,
      (status) => status === 'online',
    );
    const { caseId } = await caseOfNewCustomer(b);
    const routed = await until(
      () => b.app.desk.agent.getCase(caseId),
      (record) => record.status === 'assigned',
    );
    expect(routed.agent).toBe('vili');

    expect((await b.call('POST', '/api/agent/sign-out', { cookie })).status).toBe(204);
    // A knows Vili is gone: the next case, opened through A, waits for somebody.
    const next = await caseOfNewCustomer(a);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await a.app.desk.agent.getCase(next.caseId)).status).toBe('waiting');
    // Anna comes online through B: A hears it and routes her the waiting case.
    await b.signIn(ANNA);
    const toAnna = await until(
      () => a.app.desk.agent.getCase(next.caseId),
      (record) => record.status === 'assigned',
    );
    expect(toAnna.agent).toBe('anna');
  });
});

describe('graceful shutdown of an instance on PostgreSQL', () => {
  test('stops its timers, listeners and streams and finishes its turns before it closes the connections: no "pool after calling end", no error', async () => {
    const c = await startVastaa({ env: env() });
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      // A waiting customer streaming from C (queue updates, presence, the handoff counter all at work), and a turn in flight.
      await c.signIn(ANNA);
      const { customer } = await caseOfNewCustomer(c);
      const stream = await customer.openStream();
      await stream.until((activities: Activity[]) => activities.some((activity) => activity.from.role === 'bot'));
      const another = new DirectLineClient(`${c.url}/v3/directline`);
      await another.start();
      const inFlight = another.post({ type: 'message', text: 'haluan puhua ihmisen kanssa' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const logsBefore = c.logs.length;
      expect(await c.app.shutdown(10_000)).toBe(true);
      expect((await inFlight).status).toBe(200);
      // Whatever was still due after the close would show up now.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const logged = c.logs.join('\n');
      expect(logged).not.toContain('Cannot use a pool after calling end');
      expect(c.logs.slice(logsBefore).filter((line) => / (ERROR|WARN) /.test(line))).toEqual([]);
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
      await rm(c.dataDir, { recursive: true, force: true });
    }
  });
});
