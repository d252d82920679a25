// `npm run agents -- <command>`: manage the agent console's agents. Exit 1 means "fix something".
import { cliConfig } from './cli-config.js';
import { runAgentsCommand } from './agents-command.js';

async function main(argv: string[]): Promise<number> {
  const config = cliConfig();
  if (!config) return 1;
  return runAgentsCommand(config.AGENTS_FILE, argv, { stdin: process.stdin, out: (line) => console.log(line), err: (line) => console.error(line) });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
