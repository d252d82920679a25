import os from 'node:os';

/** Jest runs the TypeScript sources as ESM (lowdb and nock are ESM-only). Type checking is `npm run typecheck`. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // One PostgreSQL per run for the store contract: TEST_DATABASE_URL, or a throwaway embedded one.
  globalSetup: '<rootDir>/test/support/postgres.ts',
  globalTeardown: '<rootDir>/test/support/postgres-global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/env.ts'],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
  testTimeout: 30000,
  // Two test files per core: many files spend part of their time waiting on sockets, child processes
  // and the browser, which another file's work fills. Measured on the 2-core machine (179 files, 27 Nov
  // 2026): 253 s of jest with one file per core, 213 s with two.
  // (A number, not '200%': jest reads a percentage over 100 as that many workers.)
  maxWorkers: 2 * os.availableParallelism(),
};
