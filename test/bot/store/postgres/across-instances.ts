import { afterEach, describe, expect, test } from '@jest/globals';
import { migrate, PostgresHandoffStore, PostgresStorage } from '../../../../bot/store/postgres/index.js';
import { freshSchema } from '../../../support/postgres.js';
import { caseRecord, conversationRecord } from '../contracts/handoff-store-contract.js';

/** Registers this file's tests; ../stores.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function postgresAcrossInstances(): void {
  // Two "instances": two pools, two stores, one database; nothing shared in memory.
  let schema: Awaited<ReturnType<typeof freshSchema>> | undefined;
  afterEach(async () => {
    await schema?.drop();
    schema = undefined;
  });

  async function twoInstances() {
    schema = await freshSchema();
    await migrate(schema.pool());
    const [a, b] = [schema.pool(), schema.pool()];
    return { a: new PostgresHandoffStore(a), b: new PostgresHandoffStore(b), poolA: a, poolB: b };
  }

  describe('PostgreSQL stores shared by two instances', () => {
    test('two agents claiming one case on two instances: exactly one wins, every time', async () => {
      const { a, b } = await twoInstances();
      for (let round = 0; round < 20; round += 1) {
        const id = `C-${round}`;
        await a.transact((tx) => tx.putCase(caseRecord(id)));
        const claim = (store: PostgresHandoffStore, agent: string) =>
          store.transact((tx) => {
            const current = tx.case(id)!;
            if (current.status !== 'waiting') throw new Error(`${id} is ${current.status}`);
            tx.putCase({ ...current, status: 'assigned', agent });
            return agent;
          });
        const results = await Promise.allSettled([claim(a, 'vili'), claim(b, 'anna')]);
        const winners = results.filter((result): result is PromiseFulfilledResult<string> => result.status === 'fulfilled');
        expect(winners).toHaveLength(1);
        // Both instances see the winner, whichever of them wrote it.
        expect(await a.read((view) => view.case(id)?.agent)).toBe(winners[0]!.value);
        expect(await b.read((view) => view.case(id)?.agent)).toBe(winners[0]!.value);
      }
    });

    test("an agent's claim on one instance and the customer's notes on the other: neither overwrites the other", async () => {
      const { a, b } = await twoInstances();
      for (let round = 0; round < 10; round += 1) {
        const id = `C-${round}`;
        const key = `emulator/conversation-${id}`;
        await a.transact((tx) => {
          tx.putCase(caseRecord(id));
          tx.putConversation(conversationRecord(key, { owner: 'queued', openCaseId: id }));
        });
        // The claim reads and writes the case and the conversation (the store-wide lock); a note
        // reads and writes the conversation only (one conditional row write).
        const claim = a.transact((tx) => {
          const current = tx.case(id)!;
          tx.putCase({ ...current, status: 'assigned', agent: 'vili' });
          tx.putConversation({ ...tx.conversation(key)!, owner: 'agent' });
        });
        const notes = Array.from({ length: 5 }, (_, n) =>
          b.transact((tx) => {
            const conversation = tx.conversation(key)!;
            tx.putConversation({ ...conversation, answeredIntents: [...(conversation.answeredIntents ?? []), `intent-${n}`] });
          }),
        );
        await Promise.all([claim, ...notes]);
        for (const store of [a, b]) {
          const conversation = await store.read((view) => view.conversation(key)!);
          expect(conversation.owner).toBe('agent');
          expect([...conversation.answeredIntents!].sort()).toEqual(['intent-0', 'intent-1', 'intent-2', 'intent-3', 'intent-4']);
          expect(await store.read((view) => view.case(id)?.agent)).toBe('vili');
        }
      }
    });

    test('one record changed from two instances at once keeps every change', async () => {
      const { a, b } = await twoInstances();
      const key = 'emulator/conversation-busy';
      const note = (store: PostgresHandoffStore, intent: string) =>
        store.transact((tx) => {
          const conversation = tx.conversation(key) ?? conversationRecord(key);
          tx.putConversation({ ...conversation, answeredIntents: [...(conversation.answeredIntents ?? []), intent] });
        });
      const intents = Array.from({ length: 40 }, (_, n) => `intent-${n}`);
      // The first notes of both instances find no record yet: only one of them may create it.
      await Promise.all(intents.map((intent, n) => note(n % 2 === 0 ? a : b, intent)));
      for (const store of [a, b]) expect([...(await store.read((view) => view.conversation(key)!.answeredIntents!))].sort()).toEqual([...intents].sort());
    });

    test('a read asked for after a write was acknowledged on the other instance sees it, while that instance is busy reading', async () => {
      const { a, b } = await twoInstances();
      // Keep a sync of b's running all the time, so a read that shared the one in flight would miss the write.
      let busy = true;
      const background = (async () => {
        while (busy) await Promise.all(Array.from({ length: 4 }, () => b.read((view) => view.cases().length)));
      })();
      try {
        for (let round = 0; round < 30; round += 1) {
          const key = `emulator/conversation-${round}`;
          await a.transact((tx) => tx.putConversation(conversationRecord(key)));
          expect(await b.read((view) => view.conversation(key)?.key)).toBe(key);
        }
      } finally {
        busy = false;
        await background;
      }
    });

    test('case numbers handed out by two instances at once never repeat', async () => {
      const { a, b } = await twoInstances();
      const take = (store: PostgresHandoffStore) => Array.from({ length: 40 }, () => store.transact((tx) => [tx.nextCaseNumber(), tx.nextCaseNumber()]));
      const numbers = (await Promise.all([...take(a), ...take(b)])).flat();
      expect(numbers).toHaveLength(160);
      expect(new Set(numbers).size).toBe(160);
    });

    test('a deletion on one instance reaches the other, also after compaction', async () => {
      const { a, b } = await twoInstances();
      await a.transact((tx) => ['C-1', 'C-2', 'C-3'].forEach((id) => tx.putCase(caseRecord(id))));
      expect(await b.read((view) => view.cases().length)).toBe(3);
      await a.transact((tx) => tx.deleteCase('C-1'));
      expect(await b.read((view) => view.case('C-1'))).toBeUndefined();
      await a.transact((tx) => tx.deleteCase('C-2'));
      await a.compact();
      expect(await b.read((view) => view.cases().map((record) => record.id))).toEqual(['C-3']);
    });

    test("a customer's place on one instance follows the cases opened, claimed and deleted on the other, also after compaction", async () => {
      const { a, b } = await twoInstances();
      const placeOnB = () => b.read((view) => [view.queuePlace('C-1'), view.queuePlace('C-2'), view.queuePlace('C-3')]);
      await a.transact((tx) => tx.putCase(caseRecord('C-2', { createdAt: '2026-11-27T10:02:00.000Z' })));
      expect(await placeOnB()).toEqual([undefined, 1, undefined]);
      await a.transact((tx) => {
        tx.putCase(caseRecord('C-1', { createdAt: '2026-11-27T10:01:00.000Z' }));
        tx.putCase(caseRecord('C-3', { createdAt: '2026-11-27T10:00:00.000Z', priority: 1 }));
      });
      expect(await placeOnB()).toEqual([2, 3, 1]);
      await a.transact((tx) => tx.putCase({ ...tx.case('C-3')!, status: 'assigned', agent: 'vili' }));
      expect(await placeOnB()).toEqual([1, 2, undefined]);
      await a.transact((tx) => tx.deleteCase('C-1'));
      await a.compact();
      expect(await placeOnB()).toEqual([undefined, 1, undefined]);
      expect(await b.read((view) => view.waitingQueue().map((entry) => entry.id))).toEqual(['C-2']);
    });

    test('one conversation state written from two instances: the stale eTag loses', async () => {
      const { poolA, poolB } = await twoInstances();
      const [a, b] = [new PostgresStorage(poolA), new PostgresStorage(poolB)];
      await a.write({ key: { turns: 1 } });
      const [readA, readB] = [(await a.read(['key'])).key, (await b.read(['key'])).key];
      const results = await Promise.allSettled([a.write({ key: { ...readA, turns: 2 } }), b.write({ key: { ...readB, turns: 3 } })]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    });
  });
}
