// `npm run upset -- <command>`: measures the upset detector on the labelled cases. Exit 1 means a target is missed.
import { cliConfig } from './cli-config.js';
import { runUpsetEvaluate } from './upset-command.js';

const USAGE = `Usage: npm run upset -- <command>

  evaluate [--show tune|held_out|all]
                        run the upset detector and the escalation policy over lexicons/upset-evaluation/
                        (fi.yaml, en.yaml) and report precision, recall and false escalation rate per
                        language, on the tune and held_out cases separately; lists the misses of the
                        tune cases (held_out ones only when asked: do not tune on them).
                        Exits 1 when a language misses a target on held_out:
                        recall >= 0.92, false escalations <= 0.05`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = cliConfig();
  if (!config) return 1;
  switch (command) {
    case 'evaluate':
      return runUpsetEvaluate(config, rest);
    default:
      console.log(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
