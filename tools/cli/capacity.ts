// `npm run capacity -- --customers-per-hour N [...]`: bot instances and database cores for a demand,
// from the CPU time per turn that `npm run bench -- --only e2e` measured (tools/bench/results/).
import { parseArgs } from 'node:util';
import { demandOfFlags, planCapacity, TARGET_UTILISATION, turnCostsOf, type Demand } from '../bench/capacity-model.js';
import type { BenchStore } from '../bench/bench-options.js';
import type { EndToEndResult } from '../bench/end-to-end.js';
import { endToEndResultName, readEndToEnd } from '../bench/end-to-end-results.js';

const USAGE = `Usage: npm run capacity -- --customers-per-hour N [--turns 4] [--handoff-share 0.2] [--peak-factor 2] [--store files|postgres]

  --customers-per-hour  conversations started in your busiest hour
  --turns               customer messages per conversation (GET /metrics: vastaa_customer_turns_total ÷ conversations)
  --handoff-share       share of conversations handed to a person, 0–1 (GET /api/metrics: the handoff rate)
  --peak-factor         the busiest minute's rate ÷ the hour's average (an outage comes as a wave)
  --store               which benchmark's costs to use: files (tools/bench/results/end-to-end.json)
                        or postgres (end-to-end-postgres-x1.json)`;

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'customers-per-hour': { type: 'string' },
        turns: { type: 'string', default: '4' },
        'handoff-share': { type: 'string', default: '0.2' },
        'peak-factor': { type: 'string', default: '2' },
        store: { type: 'string', default: 'postgres' },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  let demand: Demand;
  try {
    demand = demandOfFlags(values);
    if (values.store !== 'files' && values.store !== 'postgres') throw new Error(`--store accepts "files" or "postgres", not "${values.store}"`);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  const store = values.store as BenchStore;
  const fileName = `${endToEndResultName(store, 1)}.json`;
  let run: EndToEndResult;
  try {
    run = await readEndToEnd(endToEndResultName(store, 1));
  } catch (error) {
    console.error(
      `tools/bench/results/${fileName}: cannot read it (${(error as Error).message}); run \`npm run bench -- --only e2e${values.store === 'postgres' ? ' --store postgres' : ''}\` first`,
    );
    return 1;
  }
  let costs;
  try {
    costs = turnCostsOf(run, `tools/bench/results/${fileName}`);
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  const plan = planCapacity(demand, costs);
  const ms = (value: number | null) => (value === null ? '–' : `${value.toFixed(2)} ms`);
  console.log(
    `Measured CPU per turn (${costs.source}): FAQ ${ms(costs.faqBotMs)} bot${costs.faqDatabaseMs === null ? '' : ` + ${ms(costs.faqDatabaseMs)} PostgreSQL`}, handoff ${ms(costs.handoffBotMs)} bot${costs.handoffDatabaseMs === null ? '' : ` + ${ms(costs.handoffDatabaseMs)} PostgreSQL`}.`,
  );
  console.log(
    `Demand: ${demand.customersPerHour} customers in the busiest hour, ${demand.turnsPerConversation} messages each, ${Math.round(demand.handoffShare * 100)} % handed off, busiest minute ${demand.peakFactor}× the hour's average: ${plan.peakTurnsPerSecond.toFixed(1)} turns/s at the peak.`,
  );
  console.log(
    `Bot CPU at ${Math.round(TARGET_UTILISATION * 100)} % utilisation: ${plan.botCores.toFixed(2)} cores; one instance carries about ${Math.floor(plan.customersPerHourPerInstance)} customers per hour with this mix.`,
  );
  if (costs.store === 'files') {
    console.log(
      plan.fitsOneProcess
        ? 'The embedded store (one process) carries it.'
        : 'The embedded store runs one process, which cannot carry it: use PostgreSQL (DATABASE_URL, docs/deploy.md) and plan with --store postgres.',
    );
  } else {
    console.log(`Instances: ${plan.instances} (${plan.instances - 1} for the load and one spare, so losing one does not overload the rest).`);
    console.log(
      `PostgreSQL CPU at ${Math.round(TARGET_UTILISATION * 100)} % utilisation: ${plan.databaseCores === null ? '–' : plan.databaseCores.toFixed(2)} cores.`,
    );
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`npm run capacity: ${(error as Error).message}`);
    process.exit(1);
  },
);
