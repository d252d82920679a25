import os from 'node:os';

/**
 * Jest runs the TypeScript sources as ESM (lowdb and nock are ESM-only), stripped of their types by esbuild
 * (test/support/esbuild-transform.cjs). Type checking is `npm run typecheck`.
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': '<rootDir>/test/support/esbuild-transform.cjs' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // One PostgreSQL per run for the store contract: TEST_DATABASE_URL, or a throwaway embedded one.
  globalSetup: '<rootDir>/test/support/postgres.ts',
  globalTeardown: '<rootDir>/test/support/postgres-global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/env.ts'],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
  testTimeout: 30000,
  // One test file per core and one more. Jest's default leaves a core idle (cores - 1: a single worker on
  // the 2-core CI machine), yet most files spend their time waiting on sockets, worker threads and the
  // browser. Two per core ran the PostgreSQL server out of connections ("too many clients") when several
  // PostgreSQL suites met, before the three-process test capped its instances (DATABASE_CONNECTIONS).
  maxWorkers: os.availableParallelism() + 1,
};
