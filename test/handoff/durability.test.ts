import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { createMemoryLogger } from '../../core/index.js';
import { readConfig } from '../../bot/config.js';
import { createApp } from '../../bot/create-app.js';
import { DataDirLockedError, lockDataDir, LowdbHandoffStore, parseLock, StoreFileError } from '../../bot/store/index.js';
import { PROJECT_ROOT, startTestBot } from '../support/test-bot.js';
import { useTempDirs } from '../support/temp-dirs.js';
import { nodeArgsFor } from '../support/compiled-project.js';

const MONDAY_MORNING = new Date('2026-11-23T08:00:00Z');
const tempDir = useTempDirs('vastaa-durable-');

const texts = (activities: Activity[]) => activities.filter((a) => a.type === 'message').map((a) => a.text ?? '');

describe('handoff data survives', () => {
  test('a restart: the case is still in the queue and the customer is still waiting for a person', async () => {
    const dataDir = await tempDir();
    const first = await startTestBot({ dataDir, now: () => MONDAY_MORNING });
    const caseId = (await first.send('haluan puhua ihmisen kanssa', { conversationId: 'restart' })).find((a) => a.name === 'handoff.initiate')?.value.caseId;
    await first.stop();

    const second = await startTestBot({ dataDir, now: () => MONDAY_MORNING });
    try {
      expect((await second.app.desk.agent.queue()).map((record) => record.id)).toEqual([caseId]);
      expect(texts(await second.send('oletteko siellä?', { conversationId: 'restart' }))[0]).toContain('Kiitos, lisäsin tämän asiaasi.');
      expect((await second.app.transcripts.allActivities('emulator', 'restart')).map((a) => a.text)[0]).toBe('haluan puhua ihmisen kanssa');
    } finally {
      await second.stop();
    }
  });

  test('concurrent handoffs: every one of 40 simultaneous requests gets its own case, on disk', async () => {
    const dataDir = await tempDir();
    const bot = await startTestBot({ dataDir, now: () => MONDAY_MORNING });
    try {
      const replies = await Promise.all(
        Array.from({ length: 40 }, (_, n) => bot.send('haluan puhua ihmisen kanssa', { conversationId: `crowd-${n}`, from: { id: `crowd-user-${n}` } })),
      );
      const ids = replies.map((activities) => activities.find((a) => a.name === 'handoff.initiate')?.value.caseId);
      expect(new Set(ids).size).toBe(40);
      const reopened = await LowdbHandoffStore.open(path.join(dataDir, 'handoff.json'));
      const stored = await reopened.read((view) => view.cases({ status: ['waiting'] }).map((record) => record.id));
      expect(stored.sort()).toEqual([...ids].sort());
    } finally {
      await bot.stop();
    }
  });

  test('kill -9 at any moment loses no acknowledged case and leaves a readable file', async () => {
    const dataDir = await tempDir();
    const file = path.join(dataDir, 'handoff.json');
    const acked: string[] = [];
    for (const killAfter of [5, 23, 61]) {
      const child = spawn(process.execPath, [...nodeArgsFor('test/support/case-writer.ts'), file], {
        cwd: PROJECT_ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let seen = 0;
      let buffer = '';
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          const lines = buffer.split('\n');
          buffer = lines.pop()!;
          for (const line of lines) {
            acked.push(line.split(' ')[1]!);
            if (++seen === killAfter) child.kill('SIGKILL');
          }
        });
        child.on('exit', () => resolve());
      });
      const text = await readFile(file, 'utf8');
      expect(() => JSON.parse(text)).not.toThrow();
    }
    const store = await LowdbHandoffStore.open(file);
    const stored = new Set(await store.read((view) => view.cases().map((record) => record.id)));
    expect(acked.length).toBeGreaterThanOrEqual(5 + 23 + 61);
    expect(acked.filter((id) => !stored.has(id))).toEqual([]);
  }, 60_000);

  test('a corrupt data file stops start-up with a clear message and is not overwritten', async () => {
    const dataDir = await tempDir();
    const file = path.join(dataDir, 'handoff.json');
    await writeFile(file, '{"version":1,"nextCaseNumber":3,"cases":{"C-00001":');
    const config = readConfig({ DATA_DIR: dataDir, CONTENT_DIR: PROJECT_ROOT, CONTENT_RELOAD: 'off' });
    const started = createApp(config, createMemoryLogger());
    await expect(started).rejects.toBeInstanceOf(StoreFileError);
    await expect(started).rejects.toThrow(`the data file ${file} cannot be used`);
    expect(await readFile(file, 'utf8')).toBe('{"version":1,"nextCaseNumber":3,"cases":{"C-00001":');
  });

  test('a second process cannot write the same data folder; a lock left by a dead process is taken over', async () => {
    const dataDir = await tempDir();
    const sleeper = spawn('sleep', ['30']);
    try {
      await writeFile(path.join(dataDir, 'vastaa.lock'), String(sleeper.pid));
      await expect(lockDataDir(dataDir)).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      sleeper.kill('SIGKILL');
      await new Promise((resolve) => sleeper.on('exit', resolve));
    }
    const lock = await lockDataDir(dataDir);
    expect(parseLock(await readFile(path.join(dataDir, 'vastaa.lock'), 'utf8'))?.pid).toBe(process.pid);
    await lock.release();
  });
});

describe('the handoff journal', () => {
  test('a line cut short by a crash is dropped; an unreadable line in the middle stops start-up', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'handoff.json');
    const store = await LowdbHandoffStore.open(file);
    await store.transact((tx) =>
      tx.putConversation({
        key: 'test/a',
        customerKey: 'test/u',
        channelId: 'test',
        language: 'fi',
        startedAt: 'x',
        owner: 'bot',
        ownerHistory: [],
        outcome: 'contained',
      }),
    );
    const journal = `${file}.journal`;
    const complete = await readFile(journal, 'utf8');
    await writeFile(journal, `${complete}{"cases":{"C-0`);
    const reopened = await LowdbHandoffStore.open(file);
    expect(await reopened.read((view) => view.conversations().map((record) => record.key))).toEqual(['test/a']);
    expect(await readFile(journal, 'utf8')).toBe('');

    await writeFile(journal, `not json\n${complete}`);
    await expect(LowdbHandoffStore.open(file)).rejects.toThrow(`the data file ${journal} cannot be used: line 1 is not valid JSON`);
  });
});
