// `npm run intents -- <command>`: the content editor's tool. Output goes to stdout; exit 1 means "fix something".
import { cliConfig } from './cli-config.js';
import { runCheck } from './check-command.js';
import { runTest } from './test-command.js';
import { runTry } from './try-command.js';

const USAGE = `Usage: npm run intents -- <command>

  check                 validate every file in intents/ and messages/; lists all problems, exits 1 on any error
  test [--folds N] [--floor 0.8]
                        cross-validate the NLU per language and score the held-out tests: phrases;
                        exits 1 when held-out accuracy is below the floor
  try "text" [--lang fi|en]
                        show how the bot understands one message`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = cliConfig();
  if (!config) return 1;
  switch (command) {
    case 'check':
      return runCheck(config.CONTENT_DIR);
    case 'test':
      return runTest(config, rest);
    case 'try':
      return runTry(config, rest);
    default:
      console.log(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
