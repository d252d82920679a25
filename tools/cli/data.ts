// `npm run data -- <command>`: a customer's data on request (GDPR) and retention, for operators.
// Works on DATA_DIR directly, so the bot must be stopped; while it runs, use its HTTP API instead.
// With DATABASE_URL it works on PostgreSQL, which the running instances share: no need to stop them.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { idProblem, maskPersonalData } from '../../core/index.js';
import { parseArgs } from 'node:util';
import { cliConfig } from './cli-config.js';
import { CustomerData } from '../../bot/operations/customer-data.js';
import { applyRetention } from '../../bot/operations/retention.js';
import { createHandoffDesks } from '../../handoff/index.js';
import { DataDirLockedError, FileLearningInbox, LEARNING_INBOX_FILE, openDataStores, StoreFileError } from '../../bot/store/index.js';
import { openPostgresStores, PostgresLearningInbox, SchemaVersionError, withAdvisoryLock } from '../../bot/store/postgres/index.js';

const USAGE = `Usage: npm run data -- <command>

  export <channelId> <userId> [--out file.json]
                        everything kept about one customer (conversations, transcripts, cases) as JSON
  erase <channelId> <userId> --yes
                        deletes all of it, including the bot's conversation state and learning-inbox items
  retention [--days N]  deletes ended cases, idle transcripts and learning-inbox items older than N days (default RETENTION_DAYS)

The customer is identified as the channel sees them: channelId (e.g. facebook, vastaa-directline) and
the user id in that channel. Stop the bot first, or use the API: GET /api/customers/{channelId}/{userId}/data
and DELETE /api/customers/{channelId}/{userId} with ADMIN_TOKEN.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help') {
    console.log(USAGE);
    return 0;
  }
  const { values, positionals: positional } = parseArgs({
    args: rest,
    options: { out: { type: 'string' }, days: { type: 'string' }, yes: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (!['export', 'erase', 'retention'].includes(command)) {
    console.error(`unknown command "${command}"\n\n${USAGE}`);
    return 1;
  }
  if (command !== 'retention' && positional.length !== 2) {
    console.error(`${command} needs <channelId> <userId>\n\n${USAGE}`);
    return 1;
  }
  const idProblems =
    command === 'retention'
      ? []
      : (['channelId', 'userId'] as const).flatMap((field, index) => {
          const problem = idProblem(positional[index]);
          return problem ? [`${field} ${problem}`] : [];
        });
  if (idProblems.length > 0) {
    console.error(`${idProblems.join('\n')}\n\nNo channel gives out such ids, so nothing is kept under them.`);
    return 1;
  }
  if (command === 'erase' && !values.yes) {
    console.error("erase deletes the customer's data for good; add --yes to confirm");
    return 1;
  }

  const config = cliConfig();
  if (!config) return 1;
  const redact = (text: string) => maskPersonalData(text).text;
  const postgres = config.DATABASE_URL ? await openPostgresStores(config.DATABASE_URL, redact) : undefined;
  const stores = postgres ?? (await openDataStores(config.DATA_DIR, redact));
  try {
    const desk = createHandoffDesks(stores.handoff);
    const inbox = postgres ? new PostgresLearningInbox(postgres.pool) : await FileLearningInbox.open(path.join(config.DATA_DIR, LEARNING_INBOX_FILE));
    const customerData = new CustomerData(desk.governance, stores.transcripts, stores.botState, inbox);
    const [channelId, userId] = positional as [string, string];
    switch (command) {
      case 'export': {
        const json = JSON.stringify(await customerData.export(channelId, userId), null, 2) + '\n';
        const out = values.out;
        if (out) await writeFile(out, json);
        else process.stdout.write(json);
        return 0;
      }
      case 'erase': {
        const report = await customerData.erase(channelId, userId);
        console.log(
          `erased ${channelId}/${userId}: ${report.conversations} conversation(s), ${report.cases} case(s), ${report.transcripts} transcript(s), ${report.inboxItems} learning-inbox item(s)`,
        );
        return 0;
      }
      default: {
        const days = Number(values.days ?? config.RETENTION_DAYS);
        if (!Number.isInteger(days) || days < 1) {
          console.error(`--days must be a whole number of at least 1 (got "${values.days}")`);
          return 1;
        }
        const retention = () => applyRetention(desk.governance, stores.transcripts, days, new Date(), inbox);
        // Not at the same time as an instance's own retention round.
        const result = postgres ? await withAdvisoryLock(postgres.locks, 'retention', retention) : await retention();
        console.log(
          `retention (${days} days): deleted ${result.cases} case(s), ${result.transcripts} transcript(s) and ${result.inboxItems} learning-inbox item(s)`,
        );
        return 0;
      }
    }
  } finally {
    await stores.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof DataDirLockedError || error instanceof StoreFileError || error instanceof SchemaVersionError) {
    console.error(error.message);
    process.exitCode = 1;
  } else if (String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
