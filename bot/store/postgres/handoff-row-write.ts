import type { Pool } from 'pg';
import type { CaseRecord, ConversationRecord } from '../../../handoff/index.js';
import type { RowKind } from './handoff-cache.js';
import { toJsonb } from './jsonb.js';

/**
 * What the row must look like for the write to go ahead: a number is the revision the writer read,
 * null means the writer read it as absent, undefined means it did not read it (a blind write).
 */
export type RowExpectation = number | null | undefined;

const TABLES = { case: { table: 'handoff_cases', key: 'id' }, conversation: { table: 'handoff_conversations', key: 'key' } } as const;

// The revision comes from the handoff_meta row, bumped in the same statement. That UPDATE holds the
// row's lock until this statement's transaction commits, so revisions commit in order: a sync that
// reads revision R from handoff_meta sees every row written at R or below. (A sequence would not do:
// a row written at 7 could commit after one written at 8 had been synced past, and be skipped.)
// The lock lasts one statement and its commit, not the five round trips of a locked transaction.
//
// Every row writer takes that lock before touching a row (the row statements read `bump`), and
// locked transactions take it first too, so no two writers wait for each other in opposite orders.
const BUMP = `bump AS (UPDATE handoff_meta SET revision = revision + 1 WHERE id = 1 RETURNING revision)`;

function statements(kind: RowKind) {
  const { table, key } = TABLES[kind];
  const unmark = `unmark AS (DELETE FROM handoff_deletions WHERE kind = '${kind}' AND key = $1 AND EXISTS (SELECT FROM bump))`;
  return {
    // Only over the revision the writer read. After waiting for the lock, PostgreSQL checks the WHERE
    // again on the row as it is now, so a change committed meanwhile makes this match nothing.
    revision: `WITH ${BUMP}
      UPDATE ${table} AS t SET record = $2::jsonb, revision = bump.revision FROM bump WHERE t.${key} = $1 AND t.revision = $3
      RETURNING t.revision::float8 AS revision`,
    // Only when nobody has created the row meanwhile (the unique key decides, not this snapshot).
    absent: `WITH ${BUMP}, ${unmark}
      INSERT INTO ${table} (${key}, record, revision) SELECT $1, $2::jsonb, revision FROM bump ON CONFLICT (${key}) DO NOTHING
      RETURNING revision::float8 AS revision`,
    any: `WITH ${BUMP}, ${unmark}
      INSERT INTO ${table} (${key}, record, revision) SELECT $1, $2::jsonb, revision FROM bump
      ON CONFLICT (${key}) DO UPDATE SET record = EXCLUDED.record, revision = EXCLUDED.revision
      RETURNING revision::float8 AS revision`,
  };
}

const STATEMENTS = { case: statements('case'), conversation: statements('conversation') };

/**
 * Writes one case or conversation record in one statement (one round trip, no transaction held
 * open), if the row still is as `expected`. Returns the revision written at, or undefined when the
 * row had changed: the caller reads again and decides again. A refused write still uses up a
 * revision; syncs only ever ask for revisions above a number, so a gap is harmless.
 */
export async function writeHandoffRow(
  pool: Pool,
  kind: RowKind,
  key: string,
  record: CaseRecord | ConversationRecord,
  expected: RowExpectation,
): Promise<number | undefined> {
  const statement = STATEMENTS[kind];
  const { rows } =
    typeof expected === 'number'
      ? await pool.query<{ revision: number }>(statement.revision, [key, toJsonb(record), expected])
      : await pool.query<{ revision: number }>(expected === null ? statement.absent : statement.any, [key, toJsonb(record)]);
  return rows[0]?.revision;
}
