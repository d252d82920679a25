import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { LowdbHandoffStore, StoreFileError } from '../../bot/store/index.js';
import { caseRecordShape, conversationRecordShape } from '../../handoff/index.js';
import { caseRecord, conversationRecord } from '../bot/store/contracts/handoff-store-contract.js';
import { rejectionOf } from '../support/failures.js';
import { useTempDirs } from '../support/temp-dirs.js';

/** Registers this file's tests; test/handoff/handoff-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function caseRecordShapesTests(): void {
  const tempDir = useTempDirs('vastaa-shapes-');

  describe('stored records are checked against the domain unions on start-up', () => {
    test('records as this and earlier versions wrote them pass', () => {
      expect(caseRecordShape.safeParse(caseRecord('C-00001', { events: [{ at: 'x', event: 'opened', by: 'bot', detail: 'customer_request' }] })).success).toBe(
        true,
      );
      expect(conversationRecordShape.safeParse(conversationRecord('emulator/a')).success).toBe(true);
      expect(
        conversationRecordShape.safeParse({ ...conversationRecord('emulator/a'), answeredIntents: ['billing', 'help'], notHelpfulIntents: ['help'] }).success,
      ).toBe(true);
    });

    test('answered and unhelpful intents that are not lists of names are refused, naming the field', () => {
      const parsed = conversationRecordShape.safeParse({ ...conversationRecord('emulator/a'), notHelpfulIntents: 'help' });
      expect(parsed.error?.issues[0]?.path).toEqual(['notHelpfulIntents']);
    });

    test.each([
      ['reason', { reason: 'bored' }],
      ['priority', { priority: 7 }],
      ['language', { language: 'sv' }],
      ['events.0.event', { events: [{ at: 'x', event: 'exploded', by: 'bot' }] }],
      ['summary.sentiment', { summary: { ...caseRecord('x').summary, sentiment: 'furious' } }],
    ])('a case with an unknown %s refuses start-up, naming the field', async (field, fields) => {
      const file = path.join(await tempDir(), 'handoff.json');
      await writeFile(file, JSON.stringify({ version: 1, nextCaseNumber: 2, cases: { 'C-1': { ...caseRecord('C-1'), ...fields } }, conversations: {} }));
      const error = await rejectionOf(LowdbHandoffStore.open(file), StoreFileError);
      expect(error.message).toContain(`it is not a Vastaa handoff file (cases.C-1.${field}: `);
    });
  });
}
