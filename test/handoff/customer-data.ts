import type { FileTranscriptStore } from '../../bot/store/index.js';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, test } from '@jest/globals';
import { applyRetention } from '../../bot/operations/retention.js';
import type { CustomerDataExport } from '../../bot/operations/customer-data.js';
import { PROJECT_ROOT, startTestBot, type TestBot } from '../support/test-bot.js';
import { nodeArgsFor } from '../support/compiled-project.js';

/** Registers this file's tests; test/handoff/upset-waiting-and-customer-data-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function customerData(): void {
  const ADMIN_TOKEN = 'admin-token-0123456789abcdef';
  const MONDAY_MORNING = new Date('2026-11-23T08:00:00Z');
  const run = promisify(execFile);

  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function bot(dataDir?: string): Promise<TestBot> {
    const started = await startTestBot({ dataDir, now: () => MONDAY_MORNING, env: { ADMIN_TOKEN } });
    cleanup.push(() => started.stop());
    return started;
  }

  async function tempDir(): Promise<string> {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'vastaa-gdpr-'));
    cleanup.push(() => rm(folder, { recursive: true, force: true }));
    return folder;
  }

  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

  describe("a customer's data on request", () => {
    test('the API exports everything kept about one customer and erases it, state included', async () => {
      const app = await bot();
      const customer = { from: { id: 'matti' }, conversationId: 'matti-chat' };
      await app.send('mitkä ovat aukioloaikanne?', customer);
      await app.send('haluan puhua ihmisen kanssa', customer);
      await app.send('hei', { from: { id: 'someone-else' }, conversationId: 'other-chat' });
      await app.app.transcripts.flush();

      expect((await fetch(`${app.url}/api/customers/emulator/matti/data`)).status).toBe(401);
      const exported = (await (await fetch(`${app.url}/api/customers/emulator/matti/data`, { headers: admin })).json()) as CustomerDataExport;
      expect(exported.conversations.map((conversation) => conversation.key)).toEqual(['emulator/matti-chat']);
      expect(exported.conversations[0]?.transcript.map((activity) => activity.text)).toContain('haluan puhua ihmisen kanssa');
      expect(exported.cases).toHaveLength(1);
      expect(JSON.stringify(exported)).not.toContain('other-chat');

      expect(existsSync((app.app.transcripts as FileTranscriptStore).fileOf('emulator', 'matti-chat'))).toBe(true);
      const erased = await fetch(`${app.url}/api/customers/emulator/matti`, { method: 'DELETE', headers: admin });
      expect(await erased.json()).toMatchObject({ conversations: 1, cases: 1, transcripts: 1 });
      const after = (await (await fetch(`${app.url}/api/customers/emulator/matti/data`, { headers: admin })).json()) as CustomerDataExport;
      expect(after).toMatchObject({ conversations: [], cases: [] });
      expect(existsSync((app.app.transcripts as FileTranscriptStore).fileOf('emulator', 'matti-chat'))).toBe(false);
      expect(await app.app.transcripts.allActivities('emulator', 'other-chat')).not.toHaveLength(0);
      // The bot starts afresh with the customer: no remembered state.
      expect(await app.say('haluan puhua ihmisen kanssa', customer)).toEqual([expect.stringContaining('Selvä, ohjaan sinut ihmiselle.')]);
    });

    test('the CLI exports and erases with the bot stopped, and refuses while the bot holds the data folder', async () => {
      const dataDir = await tempDir();
      const running = await bot(dataDir);
      await running.send('haluan puhua ihmisen kanssa', { from: { id: 'liisa' }, conversationId: 'liisa-chat' });
      const cli = (...args: string[]) =>
        run(process.execPath, [...nodeArgsFor('tools/cli/data.ts'), ...args], {
          cwd: PROJECT_ROOT,
          env: { ...process.env, DATA_DIR: dataDir },
        });

      const refused = await cli('export', 'emulator', 'liisa').catch((error: { stderr: string; code: number }) => error);
      expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining(`the data folder ${dataDir} is in use by process ${process.pid}`) });

      await running.stop();
      cleanup.pop();
      const exported = JSON.parse((await cli('export', 'emulator', 'liisa')).stdout) as CustomerDataExport;
      expect(exported.cases[0]?.summary.firstMessage).toBe('haluan puhua ihmisen kanssa');
      await expect(cli('erase', 'emulator', 'liisa')).rejects.toMatchObject({ stderr: expect.stringContaining('add --yes to confirm') });
      expect((await cli('erase', 'emulator', 'liisa', '--yes')).stdout).toContain('erased emulator/liisa: 1 conversation(s), 1 case(s), 1 transcript(s)');
      expect(JSON.parse((await cli('export', 'emulator', 'liisa')).stdout)).toMatchObject({ conversations: [], cases: [] });
    }, 60_000);
  });

  describe('retention', () => {
    test('deletes ended cases and idle transcripts past the retention period, and keeps anything a person still handles', async () => {
      const app = await bot();
      const closed = (await app.send('haluan puhua ihmisen kanssa', { conversationId: 'old-closed', from: { id: 'u1' } })).find(
        (a) => a.name === 'handoff.initiate',
      )?.value.caseId;
      await app.app.desk.agent.claim(closed, 'vili');
      await app.app.desk.agent.close(closed, 'vili', 'done');
      const open = (await app.send('haluan puhua ihmisen kanssa', { conversationId: 'still-waiting', from: { id: 'u2' } })).find(
        (a) => a.name === 'handoff.initiate',
      )?.value.caseId;
      await app.send('kiitos', { conversationId: 'bot-only', from: { id: 'u3' } });
      await app.app.transcripts.flush();

      const nothingYet = await applyRetention(app.app.desk.governance, app.app.transcripts, 90, new Date(MONDAY_MORNING.getTime() + 89 * 86_400_000));
      expect(nothingYet).toEqual({ cases: 0, transcripts: 0, inboxItems: 0 });

      const later = new Date(Date.now() + 91 * 86_400_000);
      expect(await applyRetention(app.app.desk.governance, app.app.transcripts, 90, later)).toEqual({ cases: 1, transcripts: 2, inboxItems: 0 });
      await expect(app.app.desk.agent.getCase(closed)).rejects.toThrow(`case ${closed} does not exist`);
      expect((await app.app.desk.agent.getCase(open)).status).toBe('waiting');
      expect(await app.app.transcripts.allActivities('emulator', 'still-waiting')).not.toHaveLength(0);
      expect(await app.app.transcripts.allActivities('emulator', 'old-closed')).toHaveLength(0);
      // Nothing of the deleted case stays on disk in the journal either.
      const journal = await readFile(path.join(app.dataDir, 'handoff.json.journal'), 'utf8').catch(() => '');
      const snapshot = await readFile(path.join(app.dataDir, 'handoff.json'), 'utf8');
      expect(journal + snapshot).not.toContain(closed);
    });
  });
}
