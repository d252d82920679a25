import pg from 'pg';
import { migrate } from '../../bot/store/postgres/index.js';

/** A schema of its own in the benchmark's database, migrated, for one measured message; `drop()` removes it. */
export interface BenchSchema {
  /** DATABASE_URL for the bots: the server's, with this schema first on the search path. */
  databaseUrl: string;
  drop(): Promise<void>;
}

/**
 * The PostgreSQL server to measure against: DATABASE_URL, else TEST_DATABASE_URL (the machines run
 * one at 127.0.0.1:5432). Throws with what to set when neither is.
 */
export function benchDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL || env.TEST_DATABASE_URL;
  if (!url)
    throw new Error(
      '--store postgres: set DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server the benchmark may create schemas in, e.g. postgres://postgres@127.0.0.1:5432/test',
    );
  return url;
}

/** Creates an empty schema and applies every migration, so each message starts from an empty store as with files. */
export async function freshSchema(serverUrl: string, name: string): Promise<BenchSchema> {
  const admin = new pg.Pool({ connectionString: serverUrl, max: 1 });
  await admin.query(`CREATE SCHEMA ${name}`);
  const url = new URL(serverUrl);
  url.searchParams.set('options', `-c search_path=${name}`);
  const databaseUrl = url.toString();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await migrate(pool);
  } finally {
    await pool.end();
  }
  return {
    databaseUrl,
    drop: async () => {
      await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await admin.end();
    },
  };
}
