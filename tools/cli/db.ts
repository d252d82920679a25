// `npm run db -- <command>`: the PostgreSQL schema of DATABASE_URL, for operators and deploy scripts.
// Safe to run while instances are up and from several machines at once (migrations take a lock).
import pg from 'pg';
import { cliConfig } from './cli-config.js';
import { appliedMigrations, assertSchemaCurrent, knownMigrations, migrate } from '../../bot/store/postgres/index.js';

const USAGE = `Usage: npm run db -- <command>

  migrate   applies the schema migrations this Vastaa has and the database lacks, each in one transaction
  status    lists the migrations applied and says whether this Vastaa can start on the database

Reads DATABASE_URL (postgres://user:password@host:5432/database).`;

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (command === undefined || command === 'help' || command === '--help') {
    console.log(USAGE);
    return 0;
  }
  if (command !== 'migrate' && command !== 'status') {
    console.error(`unknown command "${command}"\n\n${USAGE}`);
    return 1;
  }
  const config = cliConfig();
  if (!config) return 1;
  if (!config.DATABASE_URL) {
    console.error('DATABASE_URL is not set: set it to the PostgreSQL the bot uses, e.g. DATABASE_URL=postgres://vastaa:secret@localhost:5432/vastaa');
    return 1;
  }
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 1 });
  try {
    if (command === 'migrate') {
      const applied = await migrate(pool);
      const all = await knownMigrations();
      console.log(
        applied.length === 0
          ? `the schema is up to date (version ${all.length})`
          : applied.map((migration) => `applied ${migration.version}-${migration.name}`).join('\n'),
      );
      return 0;
    }
    for (const migration of await appliedMigrations(pool)) console.log(`${migration.version}-${migration.name}`);
    try {
      await assertSchemaCurrent(pool);
      console.log('this Vastaa can start on this database');
      return 0;
    } catch (error) {
      console.error((error as Error).message);
      return 1;
    }
  } catch (error) {
    console.error(`${(error as Error).message} (DATABASE_URL: check the host, the credentials and that the server runs)`);
    return 1;
  } finally {
    await pool.end();
  }
}

process.exitCode = await main(process.argv.slice(2));
