import { afterAll } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import type { HandoffStore } from '../../../handoff/index.js';
import { FileStorage, FileTranscriptStore, LowdbHandoffStore } from '../../../bot/store/index.js';
import { migrate, PostgresHandoffStore, PostgresStorage, PostgresTranscriptStore } from '../../../bot/store/postgres/index.js';
import { freshSchema } from '../../support/postgres.js';
import { useTempDirs } from '../../support/temp-dirs.js';
import { handoffStoreContract } from './contracts/handoff-store-contract.js';
import { storageContract } from './contracts/storage-contract.js';
import { transcriptStoreContract } from './contracts/transcript-store-contract.js';

// Every store implementation runs the same contract, with its own harness here.
const tempDir = useTempDirs('vastaa-contract-');

handoffStoreContract('the file handoff store (snapshot + journal)', () => {
  let dir: Promise<string> | undefined;
  const file = async () => path.join(await (dir ??= tempDir()), 'handoff.json');
  return {
    open: async () => LowdbHandoffStore.open(await file()),
    reopen: async () => LowdbHandoffStore.open(await file()),
    close: async () => undefined,
    // The snapshot and its journal: all the file store keeps.
    rawDump: async () => {
      const read = (name: string) => readFile(name, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? '' : Promise.reject(error)));
      return `${await read(await file())}\n${await read(`${await file()}.journal`)}`;
    },
  };
});

storageContract('the file bot-state storage', () => {
  let dir: Promise<string> | undefined;
  const folder = async () => path.join(await (dir ??= tempDir()), 'state');
  return { open: async () => FileStorage.open(await folder()), reopen: async () => FileStorage.open(await folder()) };
});

transcriptStoreContract('the file transcript store', () => {
  let dir: Promise<string> | undefined;
  const folder = async () => path.join(await (dir ??= tempDir()), 'transcripts');
  return {
    open: async () => new FileTranscriptStore(await folder()),
    reopen: async () => new FileTranscriptStore(await folder()),
    settle: async (store) => (store as FileTranscriptStore).flush(),
  };
});

// PostgreSQL: every harness gets a schema of its own (migrated, empty); a "restart" is a new pool and
// a new store on the same schema. The schemas are dropped when the file is done.
const schemas: Awaited<ReturnType<typeof freshSchema>>[] = [];
afterAll(async () => {
  await Promise.all(schemas.splice(0).map((schema) => schema.drop()));
});

function postgresSchema(): () => Promise<pg.Pool> {
  let migrated: Promise<Awaited<ReturnType<typeof freshSchema>>> | undefined;
  return async () => {
    migrated ??= freshSchema().then(async (schema) => {
      schemas.push(schema);
      await migrate(schema.pool());
      return schema;
    });
    return (await migrated).pool();
  };
}

handoffStoreContract('the PostgreSQL handoff store', () => {
  const pool = postgresSchema();
  const pools = new Map<HandoffStore, pg.Pool>();
  const open = async () => {
    const each = await pool();
    const store = new PostgresHandoffStore(each);
    pools.set(store, each);
    return store;
  };
  return {
    open,
    reopen: open,
    close: async (store) => pools.get(store)?.end(),
    // Every row of every table the store writes.
    rawDump: async () => {
      const each = await pool();
      const tables = ['handoff_meta', 'handoff_cases', 'handoff_conversations', 'handoff_deletions'];
      const dumps = await Promise.all(tables.map(async (table) => JSON.stringify((await each.query(`SELECT * FROM ${table}`)).rows)));
      return dumps.join('\n');
    },
  };
});

storageContract('the PostgreSQL bot-state storage', () => {
  const pool = postgresSchema();
  return { open: async () => new PostgresStorage(await pool()), reopen: async () => new PostgresStorage(await pool()) };
});

transcriptStoreContract('the PostgreSQL transcript store', () => {
  const pool = postgresSchema();
  return {
    open: async () => new PostgresTranscriptStore(await pool()),
    reopen: async () => new PostgresTranscriptStore(await pool()),
    settle: async (store) => (store as PostgresTranscriptStore).flush(),
  };
});
