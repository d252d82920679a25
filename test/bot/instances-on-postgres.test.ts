import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Activity } from 'botbuilder';
import http from 'node:http';
import { migrate } from '../../bot/store/postgres/index.js';
import { DirectLineClient } from '../support/direct-line-client.js';
import { databaseUrlIn, freshSchema } from '../support/postgres.js';
import { publishTestAgents } from '../support/published-agents.js';
import { ANNA, startVastaa, VILI, type Vastaa } from '../support/vastaa.js';

// Three instances of the whole app in this process, on one PostgreSQL schema: what each serves must
// be what all of them know (no sticky sessions).
const TOKEN_KEY = 'instances-on-postgres-key-0123456789abcdef';
const METRICS_TOKEN = 'instances-on-postgres-metrics-0123456789abcdef';

let schema: Awaited<ReturnType<typeof freshSchema>>;
let a: Vastaa;
let b: Vastaa;
let c: Vastaa;

beforeAll(async () => {
  schema = await freshSchema();
  await migrate(schema.pool());
  await publishTestAgents(schema.pool());
  const env = { DATABASE_URL: databaseUrlIn(schema.name), DIRECT_LINE_TOKEN_KEY: TOKEN_KEY, TRUSTED_PROXIES: '127.0.0.1', METRICS_TOKEN };
  const start = () => startVastaa({ env });
  [a, b, c] = await Promise.all([start(), start(), start()]);
});
afterAll(async () => {
  await Promise.all([a, b, c].map((instance) => instance?.stop()));
  await schema.drop();
});

/** Waits until `done` answers true (5 s at most). */
async function eventually(done: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`still not so after ${timeoutMs} ms: ${done.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

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

  test("a customer's page connected to A is there for B and C: C's reply counts as delivered; one sent while away is delivered when the page comes back to A", async () => {
    const customer = new DirectLineClient(`${a.url}/v3/directline`);
    await customer.start();
    let stream = await customer.openStream();
    await stream.until((activities) => fromBot(activities).length >= 1);
    for (const instance of [a, b, c])
      expect(await instance.app.channels.directLine!.presence.presence(customer.conversationId)).toEqual({ held: true, connected: true });

    await customer.post({ type: 'message', text: 'haluan puhua ihmisen kanssa' });
    const caseId = (await c.app.desk.agent.conversation(`vastaa-directline/${customer.conversationId}`))!.openCaseId!;
    const onC = await c.signIn(VILI);
    expect((await c.call('POST', `/api/agent/cases/${caseId}/claim`, { cookie: onC })).status).toBe(200);
    expect((await c.call('POST', `/api/agent/cases/${caseId}/reply`, { cookie: onC, body: { text: 'Hei, Vili täällä.' } })).status).toBe(200);
    await stream.until((activities) => activities.some((activity) => activity.text?.startsWith('Hei, Vili täällä.')));
    const replies = async () => (await c.app.desk.agent.getCase(caseId)).events.filter((event) => event.event === 'replied').map((event) => event.delivery);
    expect(await replies()).toEqual([{ stream: 'delivered' }]);

    // The customer leaves: every instance sees the page gone; a reply sent through C now waits.
    const watermark = stream.sets.at(-1)!.watermark;
    await stream.close();
    await eventually(async () => (await c.app.channels.directLine!.presence.presence(customer.conversationId)).connected === false);
    expect((await c.call('POST', `/api/agent/cases/${caseId}/reply`, { cookie: onC, body: { text: 'Palaa kun ehdit.' } })).status).toBe(200);
    expect((await replies())[1]).toEqual({ stream: 'not_connected' });

    // Back on A, which did not send it: the page receives it and A records it delivered.
    await customer.reconnect(watermark);
    stream = await customer.openStream();
    await stream.until((activities) => activities.some((activity) => activity.text?.startsWith('Palaa kun ehdit.')));
    await eventually(async () => (await replies())[1]?.stream === 'delivered');
    await stream.close();
  });

  test('a stream URL used on A is refused on B', async () => {
    const customer = new DirectLineClient(`${a.url}/v3/directline`);
    await customer.start();
    const stream = await customer.openStream();
    await stream.until((activities) => fromBot(activities).length >= 1);
    const sameUrlOnB = customer.streamUrl.replace(new URL(a.url).host, new URL(b.url).host);
    await expect(customer.openStream(sameUrlOnB)).rejects.toThrow('stream refused: 403');
    await stream.close();
  });

  test('new chats from one address count against one allowance whichever instance they reach', async () => {
    // 20 a minute per address (DIRECT_LINE_STARTS_PER_MINUTE): round robin over three instances gives no more.
    const tokenFrom = (instance: Vastaa) => instance.call('POST', '/v3/directline/tokens/generate', { headers: { 'x-forwarded-for': '203.0.113.77' } });
    const statuses: number[] = [];
    for (let index = 0; index < 21; index++) statuses.push((await tokenFrom([a, b, c][index % 3]!)).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(20);
    expect(statuses.at(-1)).toBe(429);
    // Another address has an allowance of its own.
    expect((await a.call('POST', '/v3/directline/tokens/generate', { headers: { 'x-forwarded-for': '203.0.113.78' } })).status).toBe(200);
  });

  test("the customer's typing reaches the console stream of another instance", async () => {
    const customer = new DirectLineClient(`${a.url}/v3/directline`);
    await customer.start();
    await customer.post({ type: 'message', text: 'haluan puhua ihmisen kanssa' });
    const caseId = (await a.app.desk.agent.conversation(`vastaa-directline/${customer.conversationId}`))!.openCaseId!;
    const live = await consoleStream(b, await b.signIn(VILI));
    await live.until(/event: ready/);
    expect((await customer.post({ type: 'typing' })).status).toBe(200);
    await live.until(new RegExp(`event: typing\\ndata: \\{"caseId":"${caseId}"\\}`));
    live.close();
  });

  test('figures computed from the store are the same whichever instance answers: /api/metrics and the queue length of GET /metrics', async () => {
    const cookie = await a.signIn(VILI);
    const answers = await Promise.all([a, b, c].map((instance) => instance.call('GET', '/api/metrics', { cookie })));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    // Only the time of the answer and the longest wait (counted to that time) may differ.
    const figures = answers.map(({ body }) => ({ ...body, generatedAt: undefined, queue: { ...body.queue, longestWaitSeconds: undefined } }));
    expect(figures[0].conversations.total).toBeGreaterThan(0);
    expect(figures[0].queue.waiting).toBeGreaterThan(0);
    expect(figures[1]).toEqual(figures[0]);
    expect(figures[2]).toEqual(figures[0]);

    const queueLengths = await Promise.all(
      [a, b, c].map(
        async (instance) =>
          /^vastaa_queue_length (\d+)$/m.exec(
            await (await fetch(`${instance.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text(),
          )?.[1],
      ),
    );
    expect(queueLengths).toEqual([String(figures[0].queue.waiting), String(figures[0].queue.waiting), String(figures[0].queue.waiting)]);
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
