import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Activity } from 'botbuilder';
import http from 'node:http';
import { hashPassword } from '../../bot/agent-console/password-hash.js';
import { migrate, publishAgents } from '../../bot/store/postgres/index.js';
import { DirectLineClient } from '../support/direct-line-client.js';
import { databaseUrlIn, freshSchema } from '../support/postgres.js';
import { ANNA, startVastaa, VILI, type Vastaa } from '../support/vastaa.js';

// Three instances of the whole app in this process, on one PostgreSQL schema: what each serves must
// be what all of them know (no sticky sessions).
const TOKEN_KEY = 'instances-on-postgres-key-0123456789abcdef';

let schema: Awaited<ReturnType<typeof freshSchema>>;
let a: Vastaa;
let b: Vastaa;
let c: Vastaa;

beforeAll(async () => {
  schema = await freshSchema();
  await migrate(schema.pool());
  // With DATABASE_URL the agents come from the database (npm run agents publishes them there).
  await publishAgents(
    schema.pool(),
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
  const env = { DATABASE_URL: databaseUrlIn(schema.name), DIRECT_LINE_TOKEN_KEY: TOKEN_KEY };
  const start = () => startVastaa({ env });
  [a, b, c] = await Promise.all([start(), start(), start()]);
});
afterAll(async () => {
  await Promise.all([a, b, c].map((instance) => instance?.stop()));
  await schema.drop();
});

const fromBot = (activities: Activity[]) => activities.filter((activity) => activity.type === 'message' && activity.from.role === 'bot');

/** The console's live stream of one instance, as text received so far. */
async function consoleStream(instance: Vastaa, cookie: string): Promise<{ until(pattern: RegExp, timeoutMs?: number): Promise<void>; close(): void }> {
  let received = '';
  const request = http.get(`${instance.url}/api/agent/events`, { headers: { cookie } }, (response) => {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (received += chunk));
  });
  request.on('error', () => undefined);
  return {
    async until(pattern, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(received)) {
        if (Date.now() > deadline) throw new Error(`the console stream did not show ${pattern}; it received ${received}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => request.destroy(),
  };
}

describe('instances sharing one PostgreSQL (DATABASE_URL)', () => {
  test('refuses to start on a schema that was never migrated, naming the command to run', async () => {
    const empty = await freshSchema();
    try {
      await expect(startVastaa({ env: { DATABASE_URL: databaseUrlIn(empty.name) } })).rejects.toThrow('run `npm run db -- migrate`');
    } finally {
      await empty.drop();
    }
  });

  test('/healthz and /readyz report the database', async () => {
    const health = await a.call('GET', '/healthz');
    const ready = await a.call('GET', '/readyz');
    expect([health.status, health.body]).toEqual([200, { status: 'ok', database: 'ok' }]);
    expect([ready.status, ready.body]).toEqual([200, { status: 'ready', database: 'ok' }]);
  });

  test("a web chat stream on A gets the bot's reply to a message posted through B and the agent's reply sent from C; B's console sees it all", async () => {
    const onB = await b.signIn(VILI);
    const live = await consoleStream(b, onB);
    await live.until(/event: ready/);

    const customer = new DirectLineClient(`${a.url}/v3/directline`);
    await customer.start();
    const stream = await customer.openStream();
    await stream.until((activities) => fromBot(activities).length >= 1);

    const throughB = new DirectLineClient(`${b.url}/v3/directline`);
    Object.assign(throughB, { token: customer.token, conversationId: customer.conversationId });
    expect((await throughB.post({ type: 'message', text: 'haluan puhua ihmisen kanssa' })).status).toBe(200);
    await stream.until((activities) => fromBot(activities).length >= 2);
    const onC = await c.signIn(VILI);
    const caseId = ((await c.call('GET', '/api/agent/cases', { cookie: onC })).body.queue as { id: string }[])[0]!.id;
    await live.until(new RegExp(`"kind":"opened","caseId":"${caseId}"`));

    expect((await c.call('POST', `/api/agent/cases/${caseId}/claim`, { cookie: onC })).status).toBe(200);
    await live.until(new RegExp(`"kind":"claimed","caseId":"${caseId}"`));
    expect((await c.call('POST', `/api/agent/cases/${caseId}/reply`, { cookie: onC, body: { text: 'Hei, täällä Vili.' } })).status).toBe(200);
    const replies = await stream.until((activities) => activities.some((activity) => activity.text?.startsWith('Hei, täällä Vili.')));
    expect(replies.filter((activity) => activity.text?.startsWith('Hei, täällä Vili.'))).toHaveLength(1);
    live.close();
    await stream.close();
  });

  test("whether the customer's page is there is known per instance: the one serving its stream and polls; what reaches the page is reported delivered there", async () => {
    const customer = new DirectLineClient(`${a.url}/v3/directline`);
    await customer.start();
    const stream = await customer.openStream();
    await stream.until((activities) => fromBot(activities).length >= 1);
    const onA = a.app.channels.directLine!.presence;
    expect(onA.presence(customer.conversationId)).toEqual({ held: true, connected: true });
    expect(b.app.channels.directLine!.presence.presence(customer.conversationId)).toEqual({ held: false, connected: false });
    const delivered: string[] = [];
    onA.deliveries.on('delivered', (_conversationId, ids) => delivered.push(...ids));
    await customer.post({ type: 'message', text: 'hei' });
    const seen = await stream.until((activities) => fromBot(activities).length >= 2);
    expect(delivered).toContain(fromBot(seen).at(-1)!.id);
    await stream.close();
    for (let tries = 0; onA.presence(customer.conversationId).connected && tries < 100; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(onA.presence(customer.conversationId)).toMatchObject({ held: true, connected: false });

    // A poll through B: now B sees the page, and what the poll returned is delivered there.
    const throughB = new DirectLineClient(`${b.url}/v3/directline`);
    Object.assign(throughB, { token: customer.token, conversationId: customer.conversationId });
    const polled: string[] = [];
    b.app.channels.directLine!.presence.deliveries.on('delivered', (_conversationId, ids) => polled.push(...ids));
    expect((await throughB.poll()).status).toBe(200);
    expect(b.app.channels.directLine!.presence.presence(customer.conversationId)).toEqual({ held: true, connected: true });
    expect(polled).toContain(fromBot(seen).at(-1)!.id);
  });

  test('what the bot did not understand on one instance is in the learning inbox of every instance', async () => {
    const customer = new DirectLineClient(`${b.url}/v3/directline`);
    await customer.start();
    await customer.post({ type: 'message', text: 'zorblax quintessa vrumm' });
    let listed: string[] = [];
    for (let tries = 0; !listed.includes('zorblax quintessa vrumm') && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      listed = (await c.app.learningInbox.list()).map((item) => item.text);
    }
    expect(listed).toContain('zorblax quintessa vrumm');
  });

  test('two agents claiming one case on two instances at once: exactly one wins', async () => {
    const customer = new DirectLineClient(`${c.url}/v3/directline`);
    await customer.start();
    await customer.post({ type: 'message', text: 'haluan puhua ihmisen kanssa' });
    const [vili, anna] = await Promise.all([a.signIn(VILI), b.signIn(ANNA)]);
    const queue = (await a.call('GET', '/api/agent/cases', { cookie: vili })).body.queue as { id: string }[];
    const caseId = queue.at(-1)!.id;
    const claims = await Promise.all([
      a.call('POST', `/api/agent/cases/${caseId}/claim`, { cookie: vili }),
      b.call('POST', `/api/agent/cases/${caseId}/claim`, { cookie: anna }),
    ]);
    expect(claims.map((claim) => claim.status).sort()).toEqual([200, 409]);
    const winner = claims.find((claim) => claim.status === 200)!.body.case.agent;
    expect((await c.call('GET', `/api/agent/cases/${caseId}`, { cookie: await c.signIn(VILI) })).body.case.agent).toBe(winner);
  });

  test('an agent signed in through A is signed in on B and C; signing out through B ends it everywhere', async () => {
    const cookie = await a.signIn(ANNA);
    for (const instance of [a, b, c]) expect((await instance.call('GET', '/api/agent/me', { cookie })).status).toBe(200);
    expect((await b.call('POST', '/api/agent/sign-out', { cookie })).status).toBe(204);
    for (const instance of [a, b, c]) expect((await instance.call('GET', '/api/agent/me', { cookie })).status).toBe(401);
  });

  test('wrong passwords spread over the instances count together', async () => {
    const wrong = (instance: Vastaa) => instance.call('POST', '/api/agent/sign-in', { body: { login: 'vili', password: 'arvaus-123456' } });
    const statuses: number[] = [];
    // The default allows 5 free wrong passwords per login; the 6th try, on any instance, must wait.
    for (const instance of [a, b, c, a, b, c]) statuses.push((await wrong(instance)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  test("a customer's turns wait for the conversation's lock on every instance, then all run: no failed turn", async () => {
    const customer = new DirectLineClient(`${a.url}/v3/directline`);
    await customer.start();
    const throughB = new DirectLineClient(`${b.url}/v3/directline`);
    Object.assign(throughB, { token: customer.token, conversationId: customer.conversationId });
    // The test holds the conversation's turn lock, as a turn running on a third instance would.
    const holder = await schema.pool().connect();
    const lock = [`turn:vastaa-directline/${customer.conversationId}`];
    try {
      await holder.query(`SELECT pg_advisory_lock(hashtext(current_schema() || '.' || $1))`, lock);
      let done = 0;
      const texts = ['Mitkä ovat aukioloaikanne?', 'onks teil häiriöitä?', 'missä tilaukseni on?', 'kiitos'];
      const answers = Promise.all(texts.map((text, index) => (index % 2 === 0 ? customer : throughB).post({ type: 'message', text }).finally(() => done++)));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(done).toBe(0);
      await holder.query(`SELECT pg_advisory_unlock(hashtext(current_schema() || '.' || $1))`, lock);
      expect((await answers).map((answer) => answer.status)).toEqual(texts.map(() => 200));
    } finally {
      holder.release();
    }
    // A lost race on the conversation state would show as a failed turn (a stale eTag) and an apology.
    expect([...a.logs, ...b.logs].filter((line) => line.includes('turn failed'))).toEqual([]);
  });
});
