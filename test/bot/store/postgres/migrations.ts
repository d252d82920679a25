import { afterEach, describe, expect, test } from '@jest/globals';
import { appliedMigrations, assertSchemaCurrent, knownMigrations, migrate } from '../../../../bot/store/postgres/index.js';
import { freshSchema } from '../../../support/postgres.js';

/** Registers this file's tests; ../stores.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function postgresMigrations(): void {
  let schema: Awaited<ReturnType<typeof freshSchema>> | undefined;
  afterEach(async () => {
    await schema?.drop();
    schema = undefined;
  });

  describe('PostgreSQL schema migrations', () => {
    test('an empty database is refused at start-up with the command that fixes it', async () => {
      schema = await freshSchema();
      const needed = (await knownMigrations()).length;
      await expect(assertSchemaCurrent(schema.pool())).rejects.toThrow(
        `database schema is at version 0, this Vastaa needs ${needed}: run \`npm run db -- migrate\``,
      );
    });

    test('a database one migration behind is refused, and accepted once migrated', async () => {
      schema = await freshSchema();
      const known = await knownMigrations();
      await migrate(schema.pool(), known.slice(0, 1));
      await expect(assertSchemaCurrent(schema.pool())).rejects.toThrow(
        `database schema is at version 1, this Vastaa needs ${known.length}: run \`npm run db -- migrate\``,
      );
      expect((await migrate(schema.pool())).map((migration) => migration.version)).toEqual(known.slice(1).map((migration) => migration.version));
      await expect(assertSchemaCurrent(schema.pool())).resolves.toBeUndefined();
    });

    test('a database migrated by a newer Vastaa is refused', async () => {
      schema = await freshSchema();
      const known = await knownMigrations();
      await migrate(schema.pool(), [...known, { version: known.length + 1, name: 'from-the-future', sql: 'SELECT 1' }]);
      await expect(assertSchemaCurrent(schema.pool())).rejects.toThrow(
        `database schema is at version ${known.length + 1}, newer than this Vastaa knows (${known.length})`,
      );
    });

    test('instances migrating at once apply every migration exactly once', async () => {
      schema = await freshSchema();
      const results = await Promise.all([migrate(schema.pool()), migrate(schema.pool()), migrate(schema.pool())]);
      const known = await knownMigrations();
      expect(
        results
          .flat()
          .map((migration) => migration.version)
          .sort(),
      ).toEqual(known.map((migration) => migration.version));
      expect(await appliedMigrations(schema.pool())).toEqual(known.map(({ version, name }) => ({ version, name })));
    });

    test('a failing migration leaves nothing of itself behind', async () => {
      schema = await freshSchema();
      const broken = { version: 1, name: 'broken', sql: 'CREATE TABLE half_done (id int); SELECT no_such_function()' };
      await expect(migrate(schema.pool(), [broken])).rejects.toThrow('migration 1-broken failed and was rolled back');
      const pool = schema.pool();
      expect((await pool.query(`SELECT to_regclass('half_done')::text AS found`)).rows[0].found).toBeNull();
      expect(await appliedMigrations(pool)).toEqual([]);
    });
  });
}
