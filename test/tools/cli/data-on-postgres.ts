import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CustomerDataExport } from '../../../bot/operations/customer-data.js';
import { migrate } from '../../../bot/store/postgres/index.js';
import { databaseUrlIn, freshSchema } from '../../support/postgres.js';
import { PROJECT_ROOT, startVastaa, type Vastaa } from '../../support/vastaa.js';
import { nodeArgsFor } from '../../support/compiled-project.js';

/** Registers this file's tests; test/tools/command-line-tools.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function cliDataOnPostgresTests(): void {
  const run = promisify(execFile);
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  let bot: Vastaa;

  beforeAll(async () => {
    schema = await freshSchema();
    await migrate(schema.pool());
    bot = await startVastaa({ env: { DATABASE_URL: databaseUrlIn(schema.name) } });
  });
  afterAll(async () => {
    await bot?.stop();
    await schema.drop();
  });

  const cli = (...args: string[]) =>
    run(process.execPath, [...nodeArgsFor('tools/cli/data.ts'), ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrlIn(schema.name) },
    });

  describe('npm run data with DATABASE_URL', () => {
    test('exports and erases a customer in PostgreSQL while the bot keeps running', async () => {
      await bot.send('haluan puhua ihmisen kanssa', { from: { id: 'liisa' }, conversationId: 'liisa-chat' });
      const exported = JSON.parse((await cli('export', 'emulator', 'liisa')).stdout) as CustomerDataExport;
      expect(exported.cases[0]?.summary.firstMessage).toBe('haluan puhua ihmisen kanssa');

      expect((await cli('erase', 'emulator', 'liisa', '--yes')).stdout).toMatch(/^erased emulator\/liisa: 1 conversation\(s\), 1 case\(s\), 1 transcript\(s\)/);
      const { rows } = await schema.pool().query(`SELECT id FROM handoff_cases WHERE record->>'customerKey' = 'emulator/liisa'`);
      expect(rows).toEqual([]);
      expect(await bot.app.transcripts.allActivities('emulator', 'liisa-chat')).toEqual([]);
    });

    test('refuses a database that was never migrated, naming the command to run', async () => {
      const empty = await freshSchema();
      try {
        const refused = await run(process.execPath, [...nodeArgsFor('tools/cli/data.ts'), 'export', 'emulator', 'x'], {
          cwd: PROJECT_ROOT,
          env: { ...process.env, DATABASE_URL: databaseUrlIn(empty.name) },
        }).catch((error: { stderr: string; code: number }) => error);
        expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('run `npm run db -- migrate`') });
      } finally {
        await empty.drop();
      }
    });
  });
}
