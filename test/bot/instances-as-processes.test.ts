import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { migrate } from '../../bot/store/postgres/index.js';
import { DirectLineClient } from '../support/direct-line-client.js';
import { databaseUrlIn, freshSchema } from '../support/postgres.js';
import { publishTestAgents } from '../support/published-agents.js';
import { ANNA, PROJECT_ROOT, VILI } from '../support/vastaa.js';
import { nodeArgsFor } from '../support/compiled-project.js';

// Three real processes (bot/index.ts compiled to JavaScript) on one PostgreSQL schema, as deployed
// behind a load balancer without sticky sessions; one is killed with SIGKILL in the middle.
const TOKEN_KEY = 'instances-as-processes-key-0123456789abcdef';
const CUSTOMERS = 50;
const STARTUP_MS = 60_000;

interface Instance {
  url: string;
  process: ChildProcess;
  log: string[];
  exited: Promise<number | null>;
}

let schema: Awaited<ReturnType<typeof freshSchema>>;
let db: pg.Pool;
let folder: string;
const instances: Instance[] = [];
let first: Instance | undefined;
let second: Instance | undefined;
let third: Instance | undefined;

async function start(name: string): Promise<Instance> {
  const dataDir = await mkdtemp(path.join(folder, `${name}-`));
  const child = spawn(process.execPath, nodeArgsFor('bot/index.ts'), {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrlIn(schema.name),
      DIRECT_LINE_TOKEN_KEY: TOKEN_KEY,
      // Every customer here comes from 127.0.0.1, and the per-address allowance is shared by the
      // instances: 50 customers at once must not meet the limit meant for one client.
      DIRECT_LINE_STARTS_PER_MINUTE: '1000',
      // Three instances beside the other test files' schemas on one server (max_connections 100).
      DATABASE_CONNECTIONS: '9',
      CONTENT_RELOAD: 'off',
      LOG_LEVEL: 'info',
      NLU_CACHE_DIR: process.env.NLU_CACHE_DIR,
    } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const log: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in time: ${log.join('')}`)), STARTUP_MS);
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      log.push(chunk);
      const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(chunk);
      if (listening) {
        clearTimeout(timer);
        resolve(listening[1]!);
      }
    });
    void exited.then((code) => reject(new Error(`${name} exited with ${code}: ${log.join('')}`)));
  });
  const instance = { url, process: child, log, exited };
  instances.push(instance);
  return instance;
}

beforeAll(async () => {
  schema = await freshSchema();
  db = schema.pool();
  await migrate(db);
  folder = await mkdtemp(path.join(os.tmpdir(), 'vastaa-instances-'));
  await publishTestAgents(db);
}, STARTUP_MS);

afterAll(async () => {
  for (const instance of instances) if (instance.process.exitCode === null && instance.process.signalCode === null) instance.process.kill('SIGKILL');
  await Promise.all(instances.map((instance) => instance.exited));
  await schema.drop();
  await rm(folder, { recursive: true, force: true });
});

async function signIn(url: string, login: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/agent/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ login, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

function agentCall(url: string, cookie: string, method: string, route: string, body?: unknown): Promise<Response> {
  return fetch(`${url}${route}`, {
    method,
    headers: { cookie, origin: url, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const fromBot = (activities: Activity[]) => activities.filter((activity) => activity.type === 'message' && activity.from.role === 'bot');

describe('three instances as processes on one database', () => {
  test(`${CUSTOMERS} handoffs spread over the instances, one killed with SIGKILL mid-way: every acknowledged case is queued once, a surviving stream gets the agent's reply, a claim race has one winner`, async () => {
    [first, second, third] = await Promise.all([start('a'), start('b'), start('c')]);
    const urls = () => [first!.url, second!.url, third!.url];

    // Customer 0 watches its stream on the first instance, which is never killed.
    const watcher = new DirectLineClient(`${first!.url}/v3/directline`);
    await watcher.start();
    const stream = await watcher.openStream();
    await stream.until((activities) => fromBot(activities).length >= 1);

    // Every customer starts on one instance and writes through the next (round-robin, no stickiness).
    const customers = await Promise.all(
      Array.from({ length: CUSTOMERS }, async (_, index) => {
        if (index === 0) return watcher;
        const client = new DirectLineClient(`${urls()[index % 3]}/v3/directline`);
        await client.start();
        return client;
      }),
    );
    const acknowledged = new Set<string>();
    const handOff = async (client: DirectLineClient, index: number): Promise<void> => {
      // A message the killed instance never answered, or one the bot answered 502 (its turn failed: the database
      // refused a connection, say), is sent again through another instance after a moment, as a customer would.
      // Only a 200 counts as acknowledged: the product promises a case for that, not for a 502.
      for (let attempt = 0; ; attempt++) {
        const through = new DirectLineClient(`${urls()[(index + 1 + attempt) % 3]}/v3/directline`);
        Object.assign(through, { token: client.token, conversationId: client.conversationId });
        const answer = await through.post({ type: 'message', text: 'haluan puhua ihmisen kanssa' }).catch(() => undefined);
        if (answer?.status === 200) return void acknowledged.add(client.conversationId);
        if (attempt >= 15) throw new Error(`customer ${index} got no answer: ${answer?.status}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * 2 ** attempt)));
      }
    };
    const sent = customers.map((client, index) => handOff(client, index));
    // Mid-way (a quarter acknowledged): the third instance dies without a chance to finish anything,
    // and is started again at once, as systemd would; the customers' retries go on meanwhile.
    while (acknowledged.size < CUSTOMERS / 4) await new Promise((resolve) => setTimeout(resolve, 10));
    const killedAt = acknowledged.size;
    third!.process.kill('SIGKILL');
    await third!.exited;
    const restarted = start('c-again').then((instance) => (third = instance));
    await Promise.all(sent);
    await restarted;
    expect(killedAt).toBeLessThan(CUSTOMERS);

    // Every customer's conversation has exactly one waiting case, with its own number.
    const { rows } = await db.query<{ id: string; conversation: string; status: string }>(
      `SELECT id, record->>'conversationKey' AS conversation, record->>'status' AS status FROM handoff_cases`,
    );
    expect(acknowledged.size).toBe(CUSTOMERS);
    for (const client of customers) {
      expect(rows.filter((row) => row.conversation.endsWith(`/${client.conversationId}`)).map((row) => row.status)).toEqual(['waiting']);
    }
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    const vili = await signIn(second!.url, 'vili', VILI.password);
    const queue = (await (await agentCall(third.url, vili, 'GET', '/api/agent/cases')).json()) as { queue: { id: string }[] };
    expect(queue.queue).toHaveLength(CUSTOMERS);

    // An agent on the second instance answers customer 0, whose stream is on the first.
    const watched = rows.find((row) => row.conversation.endsWith(`/${watcher.conversationId}`))!.id;
    expect((await agentCall(second!.url, vili, 'POST', `/api/agent/cases/${watched}/claim`)).status).toBe(200);
    expect((await agentCall(second!.url, vili, 'POST', `/api/agent/cases/${watched}/reply`, { text: 'Hei, täällä Vili.' })).status).toBe(200);
    await stream.until((activities) => activities.some((activity) => activity.text?.startsWith('Hei, täällä Vili.')), 10_000);
    await stream.close();

    // Two agents on two instances claim the same case at once: one wins.
    const anna = await signIn(third.url, 'anna', ANNA.password);
    const contested = rows.find((row) => row.id !== watched)!.id;
    const claims = await Promise.all([
      agentCall(first!.url, vili, 'POST', `/api/agent/cases/${contested}/claim`),
      agentCall(third.url, anna, 'POST', `/api/agent/cases/${contested}/claim`),
    ]);
    expect(claims.map((claim) => claim.status).sort()).toEqual([200, 409]);
  }, 120_000);

  test('SIGTERM: the instance stops taking connections, finishes the turn in flight, answers it, then exits 0', async () => {
    const customer = new DirectLineClient(`${second!.url}/v3/directline`);
    await customer.start();
    // The welcome is a turn of its own, started after the conversation is: it must be over first, or the turn
    // found waiting on the lock below could be the welcome's while the customer's message is still on its way.
    for (let welcomed = false; !welcomed; await new Promise((resolve) => setTimeout(resolve, 20))) {
      welcomed =
        (await db.query(`SELECT 1 FROM directline_activities WHERE conversation_id = $1 AND activity->'from'->>'role' = 'bot'`, [customer.conversationId])).rows
          .length > 0;
    }
    // The test holds the conversation's turn lock, so the customer's turn is surely running when SIGTERM comes.
    const lockName = `turn:vastaa-directline/${customer.conversationId}`;
    const holder = await db.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(hashtext(current_schema() || '.' || $1))`, [lockName]);
      const answer = customer.post({ type: 'message', text: 'Mitkä ovat aukioloaikanne?' });
      // This conversation's lock, not any advisory lock: other schemas on the same server take theirs.
      for (let waiting = 0; waiting === 0;) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        waiting = (
          await db.query<{ count: number }>(
            `SELECT count(*)::int AS count FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
               AND objid::text::bigint = (hashtext(current_schema() || '.' || $1)::bigint & 4294967295)`,
            [lockName],
          )
        ).rows[0]!.count;
      }
      second!.process.kill('SIGTERM');
      // Not ready any more: /readyz says so on a connection kept alive, and new connections are refused.
      for (let ready = true; ready;) {
        const answer = await fetch(`${second!.url}/readyz`).then(
          (response) => response.json() as Promise<{ status: string }>,
          () => ({ status: 'refused' }),
        );
        ready = answer.status === 'ready';
        expect(['ready', 'stopping', 'refused']).toContain(answer.status);
      }
      await holder.query(`SELECT pg_advisory_unlock(hashtext(current_schema() || '.' || $1))`, [lockName]);
      expect((await answer).status).toBe(200);
      expect(await second!.exited).toBe(0);
      expect(second!.log.join('')).toMatch(/shut down.*allTurnsFinished=true/);
      // The bot's answer (opening hours, or that the service is closed now) came after the customer's message.
      const { rows } = await db.query<{ role: string; text: string }>(
        `SELECT activity->'from'->>'role' AS role, activity->>'text' AS text FROM directline_activities WHERE conversation_id = $1 AND activity->>'type' = 'message' ORDER BY seq`,
        [customer.conversationId],
      );
      const asked = rows.findIndex((row) => row.text === 'Mitkä ovat aukioloaikanne?');
      expect(asked).toBeGreaterThan(0);
      expect(rows.slice(asked + 1).some((row) => row.role === 'bot' && row.text.length > 0)).toBe(true);
    } finally {
      holder.release();
    }
  }, 30_000);
});
