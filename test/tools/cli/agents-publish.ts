import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { migrate, PostgresAgentDirectory, publishAgents } from '../../../bot/store/postgres/index.js';
import { runAgentsCommand } from '../../../tools/cli/agents-command.js';
import { freshSchema } from '../../support/postgres.js';
import { useTempDirs } from '../../support/temp-dirs.js';

/** Registers this file's tests; test/tools/command-line-tools.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function cliAgentsPublishTests(): void {
  const tempDir = useTempDirs('vastaa-agents-publish-');
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  let pool: pg.Pool;

  beforeAll(async () => {
    schema = await freshSchema();
    pool = schema.pool();
    await migrate(pool);
  });
  afterAll(async () => schema.drop());

  async function run(file: string, argv: string[], stdin = '', publish = true): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdin: Readable.from([stdin]), out: (line: string) => out.push(line), err: (line: string) => err.push(line) };
    const code = await runAgentsCommand(file, argv, publish ? { ...io, publish: (agents) => publishAgents(pool, agents) } : io);
    return { code, out, err };
  }

  describe('npm run agents with DATABASE_URL', () => {
    test('add, password and remove change the file and publish it: every instance signs in the same agents', async () => {
      const file = path.join(await tempDir(), 'agents.yaml');
      const directory = new PostgresAgentDirectory(pool);
      expect((await run(file, ['add', 'vili', '--name', 'Vili'], 'oikein-hyvä-salasana\n')).out).toEqual([
        `added vili (Vili, fi) to ${file}`,
        'published 1 agent to the database',
      ]);
      expect(await directory.verify('vili', 'oikein-hyvä-salasana')).toMatchObject({ login: 'vili', name: 'Vili', language: 'fi', role: 'agent' });
      expect(await directory.verify('vili', 'väärä-salasana-123')).toBeUndefined();
      await run(file, ['password', 'vili'], 'uusi-hyvä-salasana\n');
      expect(await directory.verify('vili', 'uusi-hyvä-salasana')).toBeDefined();
      await run(file, ['add', 'anna', '--name', 'Anna', '--language', 'en'], 'annas-password\n');
      await run(file, ['remove', 'vili']);
      expect((await directory.list()).map((agent) => agent.login)).toEqual(['anna']);
      expect(await directory.find('vili')).toBeUndefined();
    });

    test('role and skills publish too: routing and the studio read the same roles and skills on every instance', async () => {
      const file = path.join(await tempDir(), 'agents.yaml');
      const directory = new PostgresAgentDirectory(pool);
      await run(file, ['add', 'sanna', '--name', 'Sanna'], 'sannan-salasana-1\n');
      expect(await directory.find('sanna')).toMatchObject({ role: 'agent', maxChats: 3, languages: ['fi', 'en'], teams: [] });
      expect((await run(file, ['role', 'sanna', 'supervisor'])).out).toEqual(['sanna is now supervisor', 'published 1 agent to the database']);
      expect((await run(file, ['skills', 'sanna', '--max-chats', '5', '--languages', 'fi', '--teams', 'billing'])).code).toBe(0);
      expect(await directory.find('sanna')).toMatchObject({ role: 'supervisor', maxChats: 5, languages: ['fi'], teams: ['billing'] });
    });

    test('publish copies a file edited without the database; without DATABASE_URL it says what to set', async () => {
      const file = path.join(await tempDir(), 'agents.yaml');
      await run(file, ['add', 'pekka', '--name', 'Pekka'], 'pekan-salasana-1\n', false);
      expect(await new PostgresAgentDirectory(pool).find('pekka')).toBeUndefined();
      expect(await run(file, ['publish'])).toEqual({ code: 0, out: ['published 1 agent to the database'], err: [] });
      expect(await new PostgresAgentDirectory(pool).find('pekka')).toMatchObject({ name: 'Pekka' });
      expect(await run(file, ['publish'], '', false)).toEqual({ code: 1, out: [], err: ['publish: set DATABASE_URL to the database the bot uses'] });
    });
  });
}
