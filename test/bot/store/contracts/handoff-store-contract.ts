import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  createHandoffDesks,
  filterCases,
  queueOrder,
  type CaseRecord,
  type CaseStatus,
  type ConversationRecord,
  type HandoffPriority,
  type HandoffStore,
  type HandoffView,
} from '../../../../handoff/index.js';

/**
 * How to get a store for the contract: `open` gives an empty store; `reopen` gives a new instance on
 * the same data (a restart), after the previous one was closed.
 */
export interface HandoffStoreHarness {
  open(): Promise<HandoffStore>;
  reopen(): Promise<HandoffStore>;
  close(store: HandoffStore): Promise<void>;
  /**
   * Everything the store keeps on its medium (files, tables, a journal) as text, so a test can look
   * for a record's traces without knowing the store's layout.
   */
  rawDump(): Promise<string>;
}

export function caseRecord(id: string, fields: Partial<CaseRecord> = {}): CaseRecord {
  return {
    id,
    conversationKey: `emulator/conversation-${id}`,
    customerKey: 'emulator/customer-1',
    channelId: 'emulator',
    reference: {},
    language: 'fi',
    reason: 'customer_request',
    signals: [],
    priority: 3,
    score: null,
    summary: {
      headline: 'Asiakas pyysi henkilöä',
      intent: null,
      topic: null,
      details: {},
      sentiment: 'calm',
      upsetSignals: [],
      botSaid: [],
      firstMessage: null,
      earlierCases: [],
    },
    status: 'waiting',
    notes: [],
    events: [],
    createdAt: '2026-11-27T10:00:00.000Z',
    revision: 1,
    ...fields,
  };
}

export function conversationRecord(key: string, fields: Partial<ConversationRecord> = {}): ConversationRecord {
  return {
    key,
    customerKey: 'emulator/customer-1',
    channelId: 'emulator',
    language: 'fi',
    startedAt: '2026-11-27T10:00:00.000Z',
    owner: 'bot',
    ownerHistory: [],
    outcome: 'contained',
    ...fields,
  };
}

/**
 * The behaviour every HandoffStore must have (handoff/ relies on it): the same tests for every
 * implementation, with no branch on which one runs.
 */
export function handoffStoreContract(name: string, harness: () => HandoffStoreHarness): void {
  describe(`${name} keeps the HandoffStore contract`, () => {
    test('a committed transaction is what later reads see', async () => {
      const h = harness();
      const store = await h.open();
      await store.transact((tx) => {
        tx.putCase(caseRecord('C-1'));
        tx.putConversation(conversationRecord('emulator/a', { openCaseId: 'C-1', owner: 'queued' }));
      });
      expect(await store.read((view) => view.case('C-1')?.status)).toBe('waiting');
      expect(await store.read((view) => view.conversation('emulator/a')?.openCaseId)).toBe('C-1');
      await h.close(store);
    });

    test('a transaction that throws keeps none of its changes', async () => {
      const h = harness();
      const store = await h.open();
      await store.transact((tx) => tx.putCase(caseRecord('C-1')));
      await expect(
        store.transact((tx) => {
          tx.putCase(caseRecord('C-1', { status: 'closed' }));
          tx.putCase(caseRecord('C-2'));
          throw new Error('the agent no longer holds the case');
        }),
      ).rejects.toThrow('the agent no longer holds the case');
      expect(await store.read((view) => [view.case('C-1')?.status, view.case('C-2')])).toEqual(['waiting', undefined]);
      await h.close(store);
    });

    test('concurrent transactions run one at a time, so no update is lost', async () => {
      const h = harness();
      const store = await h.open();
      await store.transact((tx) => tx.putCase(caseRecord('C-1', { revision: 0 })));
      await Promise.all(
        Array.from({ length: 25 }, () =>
          store.transact((tx) => {
            const current = tx.case('C-1')!;
            tx.putCase({ ...current, revision: current.revision + 1 });
          }),
        ),
      );
      expect(await store.read((view) => view.case('C-1')?.revision)).toBe(25);
      await h.close(store);
    });

    test('two claims of one waiting case have exactly one winner', async () => {
      const h = harness();
      const store = await h.open();
      await store.transact((tx) => tx.putCase(caseRecord('C-1')));
      const claim = (agent: string) =>
        store.transact((tx) => {
          const current = tx.case('C-1')!;
          if (current.status !== 'waiting') throw new Error(`C-1 is ${current.status}`);
          tx.putCase({ ...current, status: 'assigned', agent });
          return agent;
        });
      const results = await Promise.allSettled([claim('vili'), claim('anna')]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const winner = results.find((result) => result.status === 'fulfilled') as PromiseFulfilledResult<string>;
      expect(await store.read((view) => view.case('C-1')?.agent)).toBe(winner.value);
      await h.close(store);
    });

    test('routings at the same moment keep every agent within their maximum (each decides and writes in one transaction)', async () => {
      const h = harness();
      const store = await h.open();
      await store.transact((tx) => {
        for (const n of [1, 2, 3, 4]) tx.putCase(caseRecord(`C-${n}`, { createdAt: `2026-11-27T10:0${n}:00.000Z` }));
      });
      const desk = createHandoffDesks(store).agent;
      const agents = [
        { login: 'vili', maxChats: 1, languages: ['fi' as const], teams: [] },
        { login: 'anna', maxChats: 2, languages: ['fi' as const], teams: [] },
      ];
      const decisions = (await Promise.all([desk.route(agents, {}), desk.route(agents, {}), desk.route(agents, {})])).flat();
      expect(decisions.map((decision) => decision.caseId).sort()).toEqual(['C-1', 'C-2', 'C-3']);
      const held = await store.read((view) => view.cases({ status: ['assigned'] }).map((record) => record.agent));
      expect(held.filter((agent) => agent === 'vili')).toHaveLength(1);
      expect(held.filter((agent) => agent === 'anna')).toHaveLength(2);
      expect(await store.read((view) => view.case('C-4')?.status)).toBe('waiting');
      await h.close(store);
    });

    test("a waiting case's place follows the queue order as cases open, are claimed, released, reprioritised, closed and abandoned", async () => {
      const h = harness();
      const store = await h.open();
      const places = () => store.read((view) => ['C-1', 'C-2', 'C-3', 'C-4'].map((id) => view.queuePlace(id)));
      const change = (id: string, fields: Partial<CaseRecord>) => store.transact((tx) => tx.putCase({ ...tx.case(id)!, ...fields }));
      await store.transact((tx) => {
        tx.putCase(caseRecord('C-1', { createdAt: '2026-11-27T10:01:00.000Z' }));
        tx.putCase(caseRecord('C-2', { createdAt: '2026-11-27T10:02:00.000Z' }));
      });
      await store.transact((tx) => tx.putCase(caseRecord('C-3', { createdAt: '2026-11-27T10:03:00.000Z' })));
      expect(await places()).toEqual([1, 2, 3, undefined]);
      // Opened later, but upset: it goes first.
      await store.transact((tx) => tx.putCase(caseRecord('C-4', { createdAt: '2026-11-27T10:04:00.000Z', priority: 1 })));
      expect(await places()).toEqual([2, 3, 4, 1]);
      await change('C-1', { status: 'assigned', agent: 'vili' });
      expect(await places()).toEqual([undefined, 2, 3, 1]);
      await change('C-4', { priority: 3 });
      expect(await places()).toEqual([undefined, 1, 2, 3]);
      // Released: back in its old place, by when it was opened.
      await change('C-1', { status: 'waiting', agent: undefined });
      expect(await places()).toEqual([1, 2, 3, 4]);
      await change('C-2', { status: 'abandoned' });
      await change('C-1', { status: 'assigned', agent: 'vili' });
      await change('C-1', { status: 'closed' });
      expect(await places()).toEqual([undefined, undefined, 1, 2]);
      await store.transact((tx) => tx.deleteCase('C-3'));
      expect(await places()).toEqual([undefined, undefined, undefined, 1]);
      expect(await store.read((view) => view.waitingQueue())).toEqual([{ id: 'C-4', priority: 3, createdAt: '2026-11-27T10:04:00.000Z' }]);
      await h.close(store);
    });

    test('cases opened in the same millisecond with one priority keep one order (by id), also after a restart', async () => {
      const h = harness();
      const store = await h.open();
      await store.transact((tx) => ['C-3', 'C-1', 'C-2'].forEach((id) => tx.putCase(caseRecord(id))));
      expect(await store.read((view) => view.waitingQueue().map((entry) => entry.id))).toEqual(['C-1', 'C-2', 'C-3']);
      await h.close(store);
      const reopened = await h.reopen();
      expect(await reopened.read((view) => [view.queuePlace('C-1'), view.queuePlace('C-2'), view.queuePlace('C-3')])).toEqual([1, 2, 3]);
      await h.close(reopened);
    });

    test('a transaction sees its own changes in the queue before it commits, and a failed one leaves the queue as it was', async () => {
      const h = harness();
      const store = await h.open();
      await store.transact((tx) => {
        tx.putCase(caseRecord('C-1', { createdAt: '2026-11-27T10:01:00.000Z' }));
        tx.putCase(caseRecord('C-2', { createdAt: '2026-11-27T10:02:00.000Z' }));
      });
      const seen = await store.transact((tx) => {
        tx.putCase({ ...tx.case('C-2')!, priority: 1 });
        tx.putCase(caseRecord('C-3', { createdAt: '2026-11-27T10:00:00.000Z', priority: 2 }));
        tx.putCase({ ...tx.case('C-1')!, status: 'assigned', agent: 'vili' });
        return { places: ['C-1', 'C-2', 'C-3'].map((id) => tx.queuePlace(id)), ids: tx.waitingQueue().map((entry) => entry.id) };
      });
      expect(seen).toEqual({ places: [undefined, 1, 2], ids: ['C-2', 'C-3'] });
      await expect(
        store.transact((tx) => {
          tx.putCase({ ...tx.case('C-3')!, priority: 1, createdAt: '2026-11-27T09:00:00.000Z' });
          tx.deleteCase('C-2');
          throw new Error('the agent no longer holds the case');
        }),
      ).rejects.toThrow('the agent no longer holds the case');
      expect(await store.read((view) => view.waitingQueue().map((entry) => entry.id))).toEqual(['C-2', 'C-3']);
      await h.close(store);
    });

    test('after any mix of changes, the queue and every place are what sorting the waiting cases gives', async () => {
      const h = harness();
      const store = await h.open();
      const priorities: HandoffPriority[] = [1, 2, 3];
      const statuses: CaseStatus[] = ['waiting', 'assigned', 'closed', 'abandoned'];
      const operation = fc.record({
        kind: fc.constantFrom('open', 'status', 'priority', 'delete', 'touch'),
        pick: fc.nat(),
        priority: fc.constantFrom(...priorities),
        status: fc.constantFrom(...statuses),
        // Few distinct times, so cases often tie and the id decides.
        minute: fc.integer({ min: 0, max: 3 }),
        // Whether this operation starts a new transaction.
        commit: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(operation, { maxLength: 24 }), async (operations) => {
          await store.transact((tx) => tx.cases().forEach((record) => tx.deleteCase(record.id)));
          const groups: (typeof operations)[] = [];
          for (const each of operations) {
            if (each.commit || groups.length === 0) groups.push([]);
            groups.at(-1)!.push(each);
          }
          let opened = 0;
          for (const group of groups) {
            await store.transact((tx) => {
              for (const each of group) {
                const ids = tx.cases().map((record) => record.id);
                const id = ids[each.pick % Math.max(1, ids.length)];
                const createdAt = `2026-11-27T10:0${each.minute}:00.000Z`;
                if (each.kind === 'open' || !id) tx.putCase(caseRecord(`C-${++opened}`, { priority: each.priority, createdAt }));
                else if (each.kind === 'status') tx.putCase({ ...tx.case(id)!, status: each.status });
                else if (each.kind === 'priority') tx.putCase({ ...tx.case(id)!, priority: each.priority });
                else if (each.kind === 'delete') tx.deleteCase(id);
                else tx.putCase({ ...tx.case(id)!, revision: tx.case(id)!.revision + 1 });
                expectQueueAsSorted(tx);
              }
            });
            await store.read(expectQueueAsSorted);
          }
        }),
        { numRuns: 30 },
      );
      await h.close(store);
    });

    test('case numbers only ever grow, also across a restart', async () => {
      const h = harness();
      const store = await h.open();
      const first = await store.transact((tx) => [tx.nextCaseNumber(), tx.nextCaseNumber()]);
      await h.close(store);
      const reopened = await h.reopen();
      const later = await reopened.transact((tx) => tx.nextCaseNumber());
      expect(first[1]!).toBeGreaterThan(first[0]!);
      expect(later).toBeGreaterThan(first[1]!);
      await h.close(reopened);
    });

    test('an acknowledged transaction survives a restart', async () => {
      const h = harness();
      const store = await h.open();
      await store.transact((tx) => {
        tx.putCase(caseRecord('C-7', { status: 'assigned', agent: 'vili' }));
        tx.putConversation(conversationRecord('emulator/a', { owner: 'agent', openCaseId: 'C-7' }));
      });
      await h.close(store);
      const reopened = await h.reopen();
      expect(await reopened.read((view) => ({ agent: view.case('C-7')?.agent, owner: view.conversation('emulator/a')?.owner }))).toEqual({
        agent: 'vili',
        owner: 'agent',
      });
      await h.close(reopened);
    });

    test('a conversation keeps its answered and unhelpful intents across a restart, and one written without them still loads', async () => {
      const h = harness();
      const store = await h.open();
      await store.transact((tx) => {
        tx.putConversation(conversationRecord('emulator/with', { answeredIntents: ['greeting', 'billing'], notHelpfulIntents: ['billing'] }));
        tx.putConversation(conversationRecord('emulator/without'));
      });
      await h.close(store);
      const reopened = await h.reopen();
      const [withIntents, without] = await reopened.read((view) => [view.conversation('emulator/with'), view.conversation('emulator/without')]);
      expect(withIntents).toMatchObject({ answeredIntents: ['greeting', 'billing'], notHelpfulIntents: ['billing'] });
      expect(without).toBeDefined();
      expect(without).not.toHaveProperty('answeredIntents');
      await h.close(reopened);
    });

    test('filters cases by status, customer, conversation and a condition, and conversations by customer', async () => {
      const h = harness();
      const store = await h.open();
      await store.transact((tx) => {
        tx.putCase(caseRecord('C-1', { status: 'waiting', customerKey: 'emulator/u1', conversationKey: 'emulator/a' }));
        tx.putCase(caseRecord('C-2', { status: 'closed', customerKey: 'emulator/u1', conversationKey: 'emulator/b' }));
        tx.putCase(caseRecord('C-3', { status: 'assigned', customerKey: 'emulator/u2', conversationKey: 'emulator/c' }));
        tx.putConversation(conversationRecord('emulator/a', { customerKey: 'emulator/u1' }));
        tx.putConversation(conversationRecord('emulator/c', { customerKey: 'emulator/u2' }));
      });
      const ids = (records: { id: string }[]) => records.map((record) => record.id).sort();
      expect(ids(await store.read((view) => view.cases({ status: ['waiting', 'assigned'] })))).toEqual(['C-1', 'C-3']);
      expect(ids(await store.read((view) => view.cases({ customerKey: 'emulator/u1' })))).toEqual(['C-1', 'C-2']);
      expect(ids(await store.read((view) => view.cases({ conversationKey: 'emulator/c' })))).toEqual(['C-3']);
      expect(ids(await store.read((view) => view.cases({ where: (record) => record.status !== 'waiting' })))).toEqual(['C-2', 'C-3']);
      expect(ids(await store.read((view) => view.cases({ customerKey: 'emulator/u1', where: (record) => record.status === 'closed' })))).toEqual(['C-2']);
      expect((await store.read((view) => view.conversations({ customerKey: 'emulator/u2' }))).map((record) => record.key)).toEqual(['emulator/c']);
      await h.close(store);
    });

    test('picks the cases an agent holds or has taken (a released one too), also as a transaction changes them and after a restart', async () => {
      const h = harness();
      const store = await h.open();
      const picked = (view: HandoffView) =>
        view
          .cases({ pickedUp: true })
          .map((record) => record.id)
          .sort();
      await store.transact((tx) => {
        tx.putCase(caseRecord('C-1'));
        tx.putCase(caseRecord('C-2', { status: 'assigned', agent: 'vili', assignedAt: '2026-11-27T10:05:00.000Z' }));
        tx.putCase(caseRecord('C-3', { status: 'waiting', assignedAt: '2026-11-27T10:05:00.000Z' }));
        tx.putCase(caseRecord('C-4', { status: 'closed', agent: 'vili', assignedAt: '2026-11-27T10:05:00.000Z' }));
        tx.putCase(caseRecord('C-5', { status: 'abandoned' }));
      });
      expect(await store.read(picked)).toEqual(['C-2', 'C-3', 'C-4']);
      const seen = await store.transact((tx) => {
        tx.putCase({ ...tx.case('C-1')!, status: 'assigned', agent: 'anna', assignedAt: '2026-11-27T10:06:00.000Z' });
        tx.deleteCase('C-4');
        return picked(tx);
      });
      expect(seen).toEqual(['C-1', 'C-2', 'C-3']);
      expect(await store.read((view) => view.cases({ pickedUp: true, where: (record) => record.status === 'waiting' }).map((record) => record.id))).toEqual([
        'C-3',
      ]);
      await h.close(store);
      const reopened = await h.reopen();
      expect(await reopened.read(picked)).toEqual(['C-1', 'C-2', 'C-3']);
      await h.close(reopened);
    });

    test('deleted records are gone, also after a restart', async () => {
      const h = harness();
      const store = await h.open();
      await store.transact((tx) => {
        tx.putCase(caseRecord('C-1'));
        tx.putConversation(conversationRecord('emulator/a'));
      });
      await store.transact((tx) => {
        tx.deleteCase('C-1');
        tx.deleteConversation('emulator/a');
      });
      await h.close(store);
      const reopened = await h.reopen();
      expect(await reopened.read((view) => [view.case('C-1'), view.conversation('emulator/a'), view.cases().length])).toEqual([undefined, undefined, 0]);
      await h.close(reopened);
    });

    test('records read out are copies: changing one does not change the store', async () => {
      const h = harness();
      const store = await h.open();
      const record = caseRecord('C-1');
      await store.transact((tx) => tx.putCase(record));
      record.status = 'closed';
      const read = await store.read((view) => view.case('C-1')!);
      read.notes.push({ at: '2026-11-27T10:00:00.000Z', agent: 'vili', text: 'not saved' });
      expect(await store.read((view) => [view.case('C-1')?.status, view.case('C-1')?.notes.length])).toEqual(['waiting', 0]);
      await h.close(store);
    });

    test('after compact, a deleted record is gone from the backing data too (erasure relies on it)', async () => {
      const h = harness();
      const store = await h.open();
      const marker = 'erase-me-7f3a';
      await store.transact((tx) => {
        tx.putCase(caseRecord('C-1', { customerKey: `emulator/${marker}` }));
        tx.putConversation(conversationRecord(`emulator/${marker}`));
        tx.putCase(caseRecord('C-2'));
      });
      await store.transact((tx) => {
        tx.deleteCase('C-1');
        tx.deleteConversation(`emulator/${marker}`);
      });
      await store.compact();
      const dump = await h.rawDump();
      expect(dump).not.toContain(marker);
      expect(dump).toContain('C-2');
      await h.close(store);
    });

    test('every value of the domain unions survives a restart as written', async () => {
      const h = harness();
      const store = await h.open();
      const events = (['opened', 'claimed', 'released', 'transferred', 'replied', 'closed', 'abandoned'] as const).map((event) => ({
        at: '2026-11-27T10:00:00.000Z',
        event,
        by: 'bot',
      }));
      const reasons = ['upset', 'sensitive_topic', 'customer_request', 'low_confidence'] as const;
      const cases = reasons.map((reason, index) =>
        caseRecord(`C-${index}`, {
          reason,
          priority: ([1, 2, 3, 3] as const)[index]!,
          language: index % 2 ? 'en' : 'fi',
          status: (['waiting', 'assigned', 'closed', 'abandoned'] as const)[index]!,
          events,
        }),
      );
      const conversations = (['contained', 'handed_off', 'abandoned'] as const).map((outcome, index) =>
        conversationRecord(`emulator/${outcome}`, {
          outcome,
          owner: (['bot', 'queued', 'closed'] as const)[index]!,
          ownerHistory: [{ from: 'bot', to: 'queued', at: '2026-11-27T10:00:00.000Z', by: 'bot' }],
        }),
      );
      await store.transact((tx) => {
        cases.forEach((record) => tx.putCase(record));
        conversations.forEach((record) => tx.putConversation(record));
      });
      await h.close(store);
      const reopened = await h.reopen();
      expect(await reopened.read((view) => view.cases().sort((a, b) => a.id.localeCompare(b.id)))).toEqual(cases);
      expect(await reopened.read((view) => conversations.map((record) => view.conversation(record.key)))).toEqual(conversations);
      await h.close(reopened);
    });

    test('a NUL character in a record does not stop the transaction; the rest of the text is kept', async () => {
      const h = harness();
      const store = await h.open();
      await store.transact((tx) => tx.putCase(caseRecord('C-1', { notes: [{ at: '2026-11-27T10:00:00.000Z', agent: 'vili', text: 'soita\u0000 takaisin' }] })));
      expect(await store.read((view) => view.case('C-1')?.notes[0]?.text.replace(/[\u0000\uFFFD]/g, ''))).toBe('soita takaisin');
      await h.close(store);
    });

    test("the console's case search (filterCases over the read view) finds cases by tag, customer, agent, reason, status and day, also after a restart", async () => {
      const h = harness();
      const store = await h.open();
      const closedByVili = caseRecord('C-1', {
        status: 'closed',
        agent: 'vili',
        tags: ['reititin', 'vika'],
        createdAt: '2026-11-23T08:00:00.000Z',
        events: [{ at: '2026-11-23T08:05:00.000Z', event: 'closed', by: 'agent:vili', detail: 'korjattu' }],
      });
      const transferredToAnna = caseRecord('C-2', {
        customerKey: 'webchat/u-2',
        status: 'assigned',
        agent: 'anna',
        reason: 'upset',
        signals: ['upset', 'sensitive_topic'],
        createdAt: '2026-11-24T08:00:00.000Z',
        events: [{ at: '2026-11-24T08:01:00.000Z', event: 'transferred', by: 'agent:vili', detail: 'anna' }],
      });
      await store.transact((tx) =>
        [closedByVili, transferredToAnna, caseRecord('C-3', { createdAt: '2026-11-25T08:00:00.000Z' })].forEach((record) => tx.putCase(record)),
      );
      await h.close(store);
      const reopened = await h.reopen();
      const ids = (filters: Parameters<typeof filterCases>[1]) => reopened.read((view) => filterCases(view, filters).map((record) => record.id));
      await expect(ids({})).resolves.toEqual(['C-3', 'C-2', 'C-1']);
      await expect(ids({ tag: 'vika' })).resolves.toEqual(['C-1']);
      await expect(ids({ customerKey: 'webchat/u-2' })).resolves.toEqual(['C-2']);
      await expect(ids({ agent: 'vili' })).resolves.toEqual(['C-2', 'C-1']);
      await expect(ids({ agent: 'anna' })).resolves.toEqual(['C-2']);
      await expect(ids({ reason: 'sensitive_topic' })).resolves.toEqual(['C-2']);
      await expect(ids({ status: ['closed', 'abandoned'] })).resolves.toEqual(['C-1']);
      await expect(ids({ caseId: 'c-3' })).resolves.toEqual(['C-3']);
      await expect(ids({ openedFrom: new Date('2026-11-24T00:00:00.000Z'), openedBefore: new Date('2026-11-25T00:00:00.000Z') })).resolves.toEqual(['C-2']);
      await h.close(reopened);
    });

    test('ids that look like paths or prototype keys are ordinary keys', async () => {
      const h = harness();
      const store = await h.open();
      const keys = ['emulator/..', 'emulator/constructor', 'emulator/__proto__', 'emulator/a/b'];
      await store.transact((tx) => keys.forEach((key) => tx.putConversation(conversationRecord(key))));
      await h.close(store);
      const reopened = await h.reopen();
      expect(await reopened.read((view) => keys.map((key) => view.conversation(key)?.key))).toEqual(keys);
      await h.close(reopened);
    });
  });
}

/** The index's answers equal sorting every waiting case by `queueOrder`. */
function expectQueueAsSorted(view: HandoffView): void {
  const sorted = view
    .cases({ status: ['waiting'] })
    .sort(queueOrder)
    .map((record) => record.id);
  expect(view.waitingQueue().map((entry) => entry.id)).toEqual(sorted);
  for (const record of view.cases()) expect(view.queuePlace(record.id)).toBe(sorted.indexOf(record.id) + 1 || undefined);
}
