import { afterEach, describe, expect, test } from '@jest/globals';
import { migrate, openPostgresStores } from '../../../../bot/store/postgres/index.js';
import { freshSchema, testDatabaseUrl } from '../../../support/postgres.js';
import { caseRecord } from '../contracts/handoff-store-contract.js';

/** Registers this file's tests; ../stores.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function postgresOpenPostgresStores(): void {
  let schema: Awaited<ReturnType<typeof freshSchema>> | undefined;
  afterEach(async () => {
    await schema?.drop();
    schema = undefined;
  });

  /** DATABASE_URL of the test database with its tables resolved in `schema` (libpq's `options`). */
  function urlInSchema(name: string): string {
    const url = new URL(testDatabaseUrl());
    url.searchParams.set('options', `-c search_path=${name}`);
    return url.toString();
  }

  describe('openPostgresStores', () => {
    test('refuses a database that was never migrated, naming the command to run', async () => {
      schema = await freshSchema();
      await expect(openPostgresStores(urlInSchema(schema.name), (text) => text)).rejects.toThrow('run `npm run db -- migrate`');
    });

    test('opens the three stores on a migrated database, masking transcripts with the given redact', async () => {
      schema = await freshSchema();
      await migrate(schema.pool());
      const stores = await openPostgresStores(urlInSchema(schema.name), (text) => text.replace(/\d{6}-\d{3}[A-Z]/g, '[hetu]'));
      try {
        await stores.handoff.transact((tx) => tx.putCase(caseRecord('C-1')));
        await stores.botState.write({ key: { turns: 1 } });
        void stores.transcripts.logActivity({ type: 'message', channelId: 'emulator', conversation: { id: 'c-1' }, text: 'hetu 010190-123A' } as never);
        await stores.transcripts.flush();
        expect(await stores.handoff.read((view) => view.case('C-1')?.status)).toBe('waiting');
        expect((await stores.botState.read(['key'])).key).toMatchObject({ turns: 1 });
        expect((await stores.transcripts.allActivities('emulator', 'c-1')).map((activity) => activity.text)).toEqual(['hetu [hetu]']);
      } finally {
        await stores.close();
      }
    });
  });
}
