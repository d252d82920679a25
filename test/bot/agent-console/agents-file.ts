import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, test } from '@jest/globals';
import { AgentDirectory, parseAgentsFile, parseCannedReplies } from '../../../bot/agent-console/index.js';
import { formatProblem } from '../../../core/content/index.js';
import { createMemoryLogger } from '../../../core/index.js';
import { runAgentsCommand } from '../../../tools/cli/agents-command.js';
import { useTempDirs } from '../../support/temp-dirs.js';

/** Registers this file's tests; ./console-routes-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function agentsFile(): void {
  const tempDir = useTempDirs('vastaa-agents-');
  const tempFile = async () => path.join(await tempDir(), 'agents.yaml');

  async function run(file: string, argv: string[], stdin = ''): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAgentsCommand(file, argv, { stdin: Readable.from([stdin]), out: (line) => out.push(line), err: (line) => err.push(line) });
    return { code, out, err };
  }

  describe('npm run agents', () => {
    test('add reads the password from stdin and stores only its scrypt hash; the agent can then sign in with it', async () => {
      const file = await tempFile();
      expect(await run(file, ['add', 'vili', '--name', 'Vili', '--language', 'fi'], 'oikein-hyvä-salasana\n')).toEqual({
        code: 0,
        out: [`added vili (Vili, fi) to ${file}`],
        err: [],
      });
      const text = await readFile(file, 'utf8');
      expect(text).not.toContain('oikein-hyvä-salasana');
      expect(text).toMatch(/password: scrypt\$16384\$8\$1\$/);
      const directory = await AgentDirectory.open(file, createMemoryLogger());
      expect(await directory.verify('vili', 'oikein-hyvä-salasana')).toMatchObject({ login: 'vili', name: 'Vili', language: 'fi' });
      expect(await directory.verify('vili', 'väärä-salasana-123')).toBeUndefined();

      // A second agent goes into the same file; the directory sees it without a restart.
      expect((await run(file, ['add', 'anna', '--name=Anna', '--language=en'], 'annas-password\n')).code).toBe(0);
      expect(await directory.verify('anna', 'annas-password')).toMatchObject({ language: 'en' });
      expect((await run(file, ['list'])).out).toEqual(['vili\tVili\tfi\tagent', 'anna\tAnna\ten\tagent']);
    });

    test('add refuses a short password, a missing name, a bad language and an existing login, each saying what to do', async () => {
      const file = await tempFile();
      expect(await run(file, ['add', 'vili', '--name', 'Vili'], 'short\n')).toMatchObject({ code: 1, err: ['the password must be at least 10 characters'] });
      expect(await run(file, ['add', 'vili'], 'long-enough-password\n')).toMatchObject({
        code: 1,
        err: ['add: --name is required: the name customers see under the replies, e.g. --name Vili'],
      });
      expect(await run(file, ['add', 'vili', '--name', 'Vili', '--language', 'sv'], 'long-enough-password\n')).toMatchObject({
        code: 1,
        err: ['add: --language must be one of fi, en (got "sv")'],
      });
      await run(file, ['add', 'vili', '--name', 'Vili'], 'long-enough-password\n');
      expect(await run(file, ['add', 'vili', '--name', 'Vili'], 'long-enough-password\n')).toMatchObject({
        code: 1,
        err: ['add: vili is already an agent; use `npm run agents -- password vili` to change the password'],
      });
    });

    test('add --role and role set editors, supervisors and admins; a file without roles still loads, everyone an agent', async () => {
      const file = await tempFile();
      await writeFile(file, 'version: 1\nagents: []\n');
      expect((await run(file, ['add', 'eeva', '--name', 'Eeva', '--role', 'editor'], 'eevan-salasana-1\n')).out).toEqual([
        `added eeva (Eeva, fi, editor) to ${file}`,
      ]);
      expect((await run(file, ['add', 'vili', '--name', 'Vili'], 'vilin-salasana-1\n')).code).toBe(0);
      expect(await run(file, ['role', 'vili', 'admin'])).toEqual({ code: 0, out: ['vili is now admin'], err: [] });
      expect(await run(file, ['role', 'vili', 'boss'])).toMatchObject({ code: 1, err: ['role: give one of agent, editor, supervisor, admin (got "boss")'] });
      expect(await run(file, ['add', 'x1', '--name', 'X', '--role', 'root'], 'long-enough-password\n')).toMatchObject({
        code: 1,
        err: ['add: --role must be one of agent, editor, supervisor, admin (got "root")'],
      });
      expect((await run(file, ['list'])).out).toEqual(['eeva\tEeva\tfi\teditor', 'vili\tVili\tfi\tadmin']);

      const old = (await readFile(file, 'utf8')).replace(/^ +role: .*\n/gm, '');
      expect(old).not.toContain('role');
      expect(parseAgentsFile('agents.yaml', old).agents.map((agent) => agent.role)).toEqual(['agent', 'agent']);
    });

    test('password changes the hash and remove takes the agent out', async () => {
      const file = await tempFile();
      await run(file, ['add', 'vili', '--name', 'Vili'], 'first-password-1\n');
      expect((await run(file, ['password', 'vili'], 'second-password-2\n')).code).toBe(0);
      const directory = await AgentDirectory.open(file, createMemoryLogger());
      expect(await directory.verify('vili', 'first-password-1')).toBeUndefined();
      expect(await directory.verify('vili', 'second-password-2')).toBeDefined();
      expect((await run(file, ['remove', 'vili'])).code).toBe(0);
      expect(await directory.find('vili')).toBeUndefined();
    });
  });

  describe('routing skills in the agents file', () => {
    test('add takes skills, skills shows and changes them; a bad value is refused saying what to give', async () => {
      const file = await tempFile();
      const added = await run(file, ['add', 'vili', '--name', 'Vili', '--max-chats', '2', '--languages', 'fi', '--teams', 'billing'], 'oikein-hyvä-salasana\n');
      expect(added.code).toBe(0);
      expect(await run(file, ['skills', 'vili'])).toEqual({ code: 0, out: ['vili: maxChats 2, languages fi, teams billing'], err: [] });
      expect(await run(file, ['skills', 'vili', '--teams', 'billing,orders', '--languages=fi,en'])).toEqual({
        code: 0,
        out: ['vili: maxChats 2, languages fi,en, teams billing,orders'],
        err: [],
      });
      const directory = await AgentDirectory.open(file, createMemoryLogger());
      expect(await directory.find('vili')).toMatchObject({ maxChats: 2, languages: ['fi', 'en'], teams: ['billing', 'orders'] });
      expect(await run(file, ['skills', 'vili', '--max-chats', '50'])).toMatchObject({
        code: 1,
        err: ['skills: --max-chats must be a whole number from 0 to 20 (got "50")'],
      });
      expect(await run(file, ['skills', 'vili', '--languages', 'sv'])).toMatchObject({
        code: 1,
        err: ['skills: --languages must list some of fi, en, comma-separated (got "sv")'],
      });
      expect(await run(file, ['skills', 'nobody'])).toMatchObject({ code: 1 });
    });

    test('an agents file written before routing loads with the defaults: three chats, every language, no team', async () => {
      const file = await tempFile();
      await run(file, ['add', 'vili', '--name', 'Vili'], 'oikein-hyvä-salasana\n');
      const text = await readFile(file, 'utf8');
      expect(text.split('\n').filter((line) => !line.startsWith('#'))).not.toContainEqual(expect.stringMatching(/maxChats|languages|teams/));
      const directory = await AgentDirectory.open(file, createMemoryLogger());
      expect(await directory.find('vili')).toMatchObject({ role: 'agent', maxChats: 3, languages: ['fi', 'en'], teams: [] });
    });

    test('a wrong skill is refused at its line', () => {
      const hash = 'scrypt$16384$8$1$' + 'a'.repeat(22) + '$' + 'b'.repeat(43);
      const text = [
        'version: 1',
        'agents:',
        '  - login: vili',
        '    name: Vili',
        '    language: fi',
        `    password: ${hash}`,
        '    maxChats: -1',
        '    teams: [Billing]',
      ].join('\n');
      expect(parseAgentsFile('agents.yaml', text).problems.map(formatProblem)).toEqual([
        'agents.yaml:7: agents[0].maxChats must be a whole number from 0 to 20',
        'agents.yaml:8: agents[0].teams[0] must be a team name: lower-case letters, digits, _ -',
      ]);
    });
  });

  describe('content files of the console', () => {
    test('a bad agents file is refused with file:line problems, a plain-text password among them', () => {
      const text = ['version: 1', 'agents:', '  - login: Vili', '    name: Vili', '    language: sv', '    password: salasana123'].join('\n');
      expect(parseAgentsFile('agents.yaml', text).problems.map(formatProblem)).toEqual([
        'agents.yaml:3: agents[0].login must be 2-40 characters: lower-case letters, digits, . _ -',
        'agents.yaml:5: agents[0].language must be one of fi, en',
        'agents.yaml:6: agents[0].password must be a scrypt hash made by `npm run agents -- add` (never a plain password)',
      ]);
    });

    test('the console does not start with a broken agents file', async () => {
      const file = await tempFile();
      await writeFile(file, 'version: 1\nagents:\n  - login: vili\n');
      await expect(AgentDirectory.open(file, createMemoryLogger())).rejects.toThrow('agents.yaml:3: agents[0].name is missing');
    });

    test('a canned reply without its English text is refused at its line', () => {
      const text = ['version: 1', 'replies:', '  - title: { fi: Hei, en: Hi }', '    text:', '      fi: Hei!'].join('\n');
      expect(parseCannedReplies('canned-replies.yaml', text).problems.map(formatProblem)).toEqual([
        'canned-replies.yaml:4: replies[0].text.en is missing; every language (fi, en) needs its own',
      ]);
    });

    test('a canned reply with a misspelt variable is refused at its line, naming the variables there are', () => {
      const text = [
        'version: 1',
        'replies:',
        '  - title: { fi: Tila, en: Status }',
        '    text:',
        '      fi: Tilaus {ordernumber}',
        '      en: Order {orderNumber}',
      ].join('\n');
      expect(parseCannedReplies('canned-replies.yaml', text).problems.map(formatProblem)).toEqual([
        'canned-replies.yaml:5: replies[0].text.fi has {ordernumber}, which is not a variable; use {agent}, {orderNumber}, {openingHoursToday}',
      ]);
    });

    test('the shipped canned replies file is valid and has every reply in both languages', async () => {
      const text = await readFile(new URL('../../../messages/canned-replies.yaml', import.meta.url), 'utf8');
      const { replies, problems } = parseCannedReplies('canned-replies.yaml', text);
      expect(problems).toEqual([]);
      expect(replies!.fi.length).toBeGreaterThan(2);
      expect(replies!.en.length).toBe(replies!.fi.length);
    });
  });
}
