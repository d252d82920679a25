import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Pool, PoolClient } from 'pg';

/** One versioned schema change: `migrations/NNN-name.sql`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE_NAME = /^(\d{3})-([a-z0-9-]+)\.sql$/;

// Beside this module in the sources; `npm run build` copies them next to the compiled module too.
// Looked up from the source tree as a fallback, so a build without the copy still finds them.
function migrationsFolder(): string {
  const beside = fileURLToPath(new URL('./migrations/', import.meta.url));
  if (existsSync(beside)) return beside;
  return fileURLToPath(new URL('../../../../bot/store/postgres/migrations/', import.meta.url));
}

/** The migrations this Vastaa knows, oldest first. Throws when the numbering has a gap or a duplicate. */
export async function knownMigrations(folder = migrationsFolder()): Promise<Migration[]> {
  const migrations: Migration[] = [];
  for (const file of (await readdir(folder)).filter((name) => name.endsWith('.sql')).sort()) {
    const match = FILE_NAME.exec(file);
    if (!match) throw new Error(`knownMigrations(): ${folder}${file} is not named NNN-name.sql; rename it`);
    migrations.push({ version: Number(match[1]), name: match[2]!, sql: await readFile(`${folder}${file}`, 'utf8') });
  }
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1)
      throw new Error(
        `knownMigrations(): expected migration ${index + 1} in ${folder}, found ${migration.version}-${migration.name}; versions must run 1, 2, 3 without gaps`,
      );
  });
  return migrations;
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

// Instances starting together must not run one migration twice; the lock is per schema so two test
// schemas in one database do not wait for each other. Released when the transaction ends.
const LOCK = `SELECT pg_advisory_xact_lock(hashtext('vastaa.schema_migrations.' || current_schema()))`;

/** What `schema_migrations` says was applied; empty when the table does not exist yet. */
export async function appliedMigrations(db: Pool | PoolClient): Promise<{ version: number; name: string }[]> {
  const exists = await db.query<{ found: string | null }>(`SELECT to_regclass('schema_migrations')::text AS found`);
  if (!exists.rows[0]?.found) return [];
  const { rows } = await db.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
  return rows;
}

/**
 * Applies the migrations not yet applied, each in its own transaction under an advisory lock, so
 * two instances migrating at once apply each one exactly once and a failed migration leaves
 * nothing half done. Returns the migrations it applied.
 */
export async function migrate(pool: Pool, migrations?: Migration[]): Promise<Migration[]> {
  const known = migrations ?? (await knownMigrations());
  const applied: Migration[] = [];
  const client = await pool.connect();
  try {
    for (const migration of known) {
      await client.query('BEGIN');
      try {
        await client.query(LOCK);
        await client.query(CREATE_TABLE);
        const done = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
        if (done.rowCount === 0) {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
          applied.push(migration);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new Error(`migration ${migration.version}-${migration.name} failed and was rolled back: ${(error as Error).message}`, { cause: error });
      }
    }
  } finally {
    client.release();
  }
  return applied;
}

/** Thrown at start-up when the database's schema is not the one this Vastaa was built for. */
export class SchemaVersionError extends Error {}

/**
 * Refuses to run on a schema this Vastaa does not know: older (migrations to run), newer (an older
 * Vastaa against an upgraded database) or different (another migration under a known number).
 * Call it at start-up, before any store is used.
 */
export async function assertSchemaCurrent(pool: Pool, migrations?: Migration[]): Promise<void> {
  const known = migrations ?? (await knownMigrations());
  const applied = await appliedMigrations(pool);
  const needed = known.length;
  const at = applied.length === 0 ? 0 : applied[applied.length - 1]!.version;
  if (at > needed) {
    throw new SchemaVersionError(
      `database schema is at version ${at}, newer than this Vastaa knows (${needed}): run the Vastaa version that migrated it, or point DATABASE_URL at another database`,
    );
  }
  const unknown = applied.find((migration, index) => known[index]?.version !== migration.version || known[index]?.name !== migration.name);
  if (unknown) {
    throw new SchemaVersionError(
      `database schema has migration ${unknown.version}-${unknown.name}, which this Vastaa does not know: it was made by another program or version; check DATABASE_URL`,
    );
  }
  if (at < needed) {
    throw new SchemaVersionError(`database schema is at version ${at}, this Vastaa needs ${needed}: run \`npm run db -- migrate\``);
  }
}
