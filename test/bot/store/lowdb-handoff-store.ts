import path from 'node:path';
import type { HandoffStore } from '../../../handoff/index.js';
import { LowdbHandoffStore, openJournalFile, type OpenJournal } from '../../../bot/store/index.js';
import { useTempDirs } from '../../support/temp-dirs.js';
import { caseRecord } from './contracts/handoff-store-contract.js';

/** Registers this file's tests; ./stores.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function lowdbHandoffStore(): void {
  // The file store finds a customer's cases through an index it keeps beside the records; these are
  // the ways a case can change under it.
  const tempDir = useTempDirs('vastaa-lowdb-handoff-');
  const customerCases = async (store: HandoffStore, customerKey: string) =>
    (await store.read((view) => view.cases({ customerKey }))).map((record) => record.id);

  describe('the file handoff store finds a customer’s cases', () => {
    test('after a restart that replays the journal, in the order they were stored', async () => {
      const file = path.join(await tempDir(), 'handoff.json');
      const store = await LowdbHandoffStore.open(file);
      await store.transact((tx) => tx.putCase(caseRecord('C-2', { customerKey: 'web/u1' })));
      await store.transact((tx) => tx.putCase(caseRecord('C-1', { customerKey: 'web/u1' })));
      await store.transact((tx) => tx.putCase(caseRecord('C-3', { customerKey: 'web/u2' })));
      expect(await customerCases(await LowdbHandoffStore.open(file), 'web/u1')).toEqual(['C-2', 'C-1']);
    });

    test('when a case moves to another customer or is deleted, inside the transaction and after it', async () => {
      const store = await LowdbHandoffStore.open(path.join(await tempDir(), 'handoff.json'));
      await store.transact((tx) => {
        tx.putCase(caseRecord('C-1', { customerKey: 'web/u1' }));
        tx.putCase(caseRecord('C-2', { customerKey: 'web/u1' }));
      });
      const inside = await store.transact((tx) => {
        tx.putCase(caseRecord('C-1', { customerKey: 'web/u2' }));
        tx.deleteCase('C-2');
        tx.putCase(caseRecord('C-3', { customerKey: 'web/u1' }));
        return { u1: tx.cases({ customerKey: 'web/u1' }).map((record) => record.id), u2: tx.cases({ customerKey: 'web/u2' }).map((record) => record.id) };
      });
      expect(inside).toEqual({ u1: ['C-3'], u2: ['C-1'] });
      expect(await customerCases(store, 'web/u1')).toEqual(['C-3']);
      expect(await customerCases(store, 'web/u2')).toEqual(['C-1']);
    });

    test('as before a transaction whose journal write failed and was rolled back', async () => {
      let failNextWrite = false;
      const openJournal: OpenJournal = async (file) => {
        const handle = await openJournalFile(file);
        return {
          write: async (buffer, offset, length, position) => {
            if (failNextWrite) {
              failNextWrite = false;
              throw new Error('ENOSPC: no space left on device');
            }
            return handle.write(buffer, offset, length, position);
          },
          sync: () => handle.sync(),
          truncate: (length) => handle.truncate(length),
          close: () => handle.close(),
        };
      };
      const store = await LowdbHandoffStore.open(path.join(await tempDir(), 'handoff.json'), { openJournal });
      await store.transact((tx) => tx.putCase(caseRecord('C-1', { customerKey: 'web/u1' })));
      failNextWrite = true;
      await expect(
        store.transact((tx) => {
          tx.putCase(caseRecord('C-1', { customerKey: 'web/u2' }));
          tx.putCase(caseRecord('C-2', { customerKey: 'web/u2' }));
        }),
      ).rejects.toThrow('ENOSPC');
      expect(await customerCases(store, 'web/u1')).toEqual(['C-1']);
      expect(await customerCases(store, 'web/u2')).toEqual([]);
    });
  });
}
