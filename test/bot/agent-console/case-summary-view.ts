import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { summaryInWords } from '../../../bot/agent-console/case-summary-view.js';
import { listItemOf } from '../../../bot/agent-console/case-view.js';
import { LowdbHandoffStore } from '../../../bot/store/index.js';
import { caseRecord } from '../store/contracts/handoff-store-contract.js';
import { useTempDirs } from '../../support/temp-dirs.js';
import { DEFAULT_SLA_POLICY, slaOf } from '../../../handoff/index.js';

/** Registers this file's tests; ./console-views-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function caseSummaryView(): void {
  const tempDir = useTempDirs('vastaa-summary-view-');
  const words = { codes: { customer_request: { fi: 'Asiakas pyysi ihmistä', en: 'The customer asked for a person' } }, details: {} };

  describe('a case opened by an earlier version (no need, nothing written while queued, no ratings)', () => {
    test('loads from the store file and reads in words: the first message stands in for the need', async () => {
      const old = caseRecord('C-00001', {
        summary: {
          ...caseRecord('x').summary,
          firstMessage: 'haluan puhua ihmiselle',
          earlierCases: [{ id: 'C-00000', createdAt: '2026-11-26T10:00:00.000Z', reason: 'upset', status: 'closed' }],
        },
      });
      const file = path.join(await tempDir(), 'handoff.json');
      await writeFile(file, JSON.stringify({ version: 1, nextCaseNumber: 2, cases: { [old.id]: old }, conversations: {} }));
      const store = await LowdbHandoffStore.open(file);
      const loaded = (await store.read((view) => view.case(old.id)))!;

      expect(summaryInWords(loaded, words, 'en')).toMatchObject({
        need: 'haluan puhua ihmiselle',
        reason: 'The customer asked for a person',
        whileQueued: [],
        earlierCases: [{ id: 'C-00000', status: 'closed' }],
      });
      expect(listItemOf(loaded, slaOf(loaded, DEFAULT_SLA_POLICY, new Date())).firstLine).toBe('haluan puhua ihmiselle');
    });

    test('an upset case reads its reason, with the signs of frustration apart', () => {
      const upset = {
        ...words,
        codes: {
          ...words.codes,
          upset: { fi: 'Asiakas on tuohtunut', en: 'The customer is upset' },
          'upset:all_caps': { fi: 'isoilla kirjaimilla', en: 'in capitals' },
        },
      };
      const record = caseRecord('C-00003', {
        reason: 'upset',
        signals: ['upset', 'customer_request', 'upset:all_caps'],
        summary: { ...caseRecord('x').summary, upsetSignals: ['all_caps'] },
      });
      expect(summaryInWords(record, upset, 'fi')).toMatchObject({
        reason: 'Asiakas on tuohtunut',
        otherSignals: ['Asiakas pyysi ihmistä'],
        upsetSignals: ['isoilla kirjaimilla'],
      });
    });

    test('a code without words stays a code rather than disappearing', () => {
      const record = caseRecord('C-00002', { reason: 'low_confidence', signals: ['low_confidence', 'low_confidence:verdict:unfamiliar'] });
      expect(summaryInWords(record, words, 'fi')).toMatchObject({ reason: 'low_confidence' });
    });
  });
}
