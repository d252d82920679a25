// `npm run agents -- <command>`: manage the agent console's agents. Exit 1 means "fix something".
import { ConfigError, readConfig } from '../bot/config.js';
import { runAgentsCommand } from './agents-command.js';

async function main(argv: string[]): Promise<number> {
  let config;
  try {
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  return runAgentsCommand(config.AGENTS_FILE, argv, { stdin: process.stdin, out: (line) => console.log(line), err: (line) => console.error(line) });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
