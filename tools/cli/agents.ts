// `npm run agents -- <command>`: manage the agent console's agents. Exit 1 means "fix something".
import { cliConfig } from './cli-config.js';
import pg from 'pg';
import { assertSchemaCurrent, publishAgents } from '../../bot/store/postgres/index.js';
import { runAgentsCommand } from './agents-command.js';

async function main(argv: string[]): Promise<number> {
  const config = cliConfig();
  if (!config) return 1;
  const io = { stdin: process.stdin, out: (line: string) => console.log(line), err: (line: string) => console.error(line) };
  if (!config.DATABASE_URL) return runAgentsCommand(config.AGENTS_FILE, argv, io);
  // With DATABASE_URL every instance reads the agents from the database: each change goes there too.
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 1 });
  try {
    await assertSchemaCurrent(pool);
    return await runAgentsCommand(config.AGENTS_FILE, argv, { ...io, publish: (agents) => publishAgents(pool, agents) });
  } finally {
    await pool.end();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
