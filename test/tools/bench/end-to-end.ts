import pg from 'pg';
import { benchDatabaseUrl, freshSchema } from '../../../tools/bench/bench-database.js';
import { testDatabaseUrl } from '../../support/postgres.js';

/** Registers this file's tests; test/tools/bench-tools.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function benchEndToEndTests(): void {
  describe('the end-to-end bench on PostgreSQL', () => {
    test('says which variable to set when no PostgreSQL server is given', () => {
      expect(() => benchDatabaseUrl({})).toThrow('--store postgres: set DATABASE_URL (or TEST_DATABASE_URL)');
      expect(benchDatabaseUrl({ TEST_DATABASE_URL: 'postgres://a@b/c' })).toBe('postgres://a@b/c');
      expect(benchDatabaseUrl({ DATABASE_URL: 'postgres://x@y/z', TEST_DATABASE_URL: 'postgres://a@b/c' })).toBe('postgres://x@y/z');
    });

    test('gives each measured message an empty, migrated schema of its own and removes it afterwards', async () => {
      const name = `bench_test_${process.pid}`;
      const schema = await freshSchema(testDatabaseUrl(), name);
      const pool = new pg.Pool({ connectionString: schema.databaseUrl, max: 1 });
      try {
        const { rows } = await pool.query(`SELECT count(*)::int AS cases FROM handoff_cases`);
        expect(rows).toEqual([{ cases: 0 }]);
      } finally {
        await pool.end();
      }
      await schema.drop();
      const admin = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
      const left = await admin.query(`SELECT 1 FROM information_schema.schemata WHERE schema_name = $1`, [name]);
      await admin.end();
      expect(left.rowCount).toBe(0);
    });
  });
}
