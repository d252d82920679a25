import type { TestPostgres } from './postgres.js';

/** The jest globalTeardown: stops the PostgreSQL that test/support/postgres.ts started, if it did. */
export default async function stopPostgresForTests(): Promise<void> {
  const server = (globalThis as { vastaaTestPostgres?: TestPostgres & { given?: string } }).vastaaTestPostgres;
  if (!server) return;
  await server.stop();
  // A watch-mode rerun must start a new server, not reuse the stopped one's URL.
  if (server.given === undefined) delete process.env.TEST_DATABASE_URL;
}
