import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { LowdbHandoffStore, StoreFileError } from '../../bot/store/index.js';
import { rejectionOf } from '../support/failures.js';
import { useTempDirs } from '../support/temp-dirs.js';

/** Registers this finding's tests; ./findings-l8-to-m3.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function l9JournalLineOfWrongShape(): void {
  const tempDir = useTempDirs('vastaa-l9-');

  const goodLine = JSON.stringify({
    cases: {},
    conversations: {
      'test/a': {
        key: 'test/a',
        customerKey: 'test/u',
        channelId: 'test',
        language: 'fi',
        startedAt: 'x',
        owner: 'bot',
        ownerHistory: [],
        outcome: 'contained',
      },
    },
    nextCaseNumber: 1,
  });

  async function startWithJournal(lines: string[]): Promise<{ journal: string; error: StoreFileError }> {
    const file = path.join(await tempDir(), 'handoff.json');
    const journal = `${file}.journal`;
    await writeFile(journal, lines.map((line) => `${line}\n`).join(''));
    return { journal, error: await rejectionOf(LowdbHandoffStore.open(file), StoreFileError) };
  }

  describe('a journal line that is JSON but not a journal entry', () => {
    test.each([
      ['{"cases":null,"conversations":{},"nextCaseNumber":1}', 'cases'],
      ['[]', 'top level'],
      ['null', 'top level'],
      ['{"cases":{},"conversations":{"test/a":{"key":"test/a","owner":"robot"}},"nextCaseNumber":1}', 'conversations.test/a.owner'],
    ])('%s refuses start-up naming the file, the line, the field and what to do', async (line, field) => {
      const { journal, error } = await startWithJournal([goodLine, line]);
      expect(error.message).toContain(`the data file ${journal} cannot be used: line 2 is not a Vastaa journal entry (${field}: `);
      expect(error.message).toContain('restore it from a backup or move it away, then start again');
      expect(error.message).not.toContain('Cannot convert undefined or null to object');
    });

    test('well-formed lines still load, unknown fields of a record included', async () => {
      const file = path.join(await tempDir(), 'handoff.json');
      await writeFile(`${file}.journal`, `${goodLine}\n`);
      const store = await LowdbHandoffStore.open(file);
      expect(await store.read((view) => view.conversation('test/a'))).toMatchObject({ key: 'test/a', outcome: 'contained', ownerHistory: [] });
    });
  });
}
