import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { CaseHistory } from '../../../bot/agent-console/case-history.js';
import { caseSearchQuery } from '../../../bot/agent-console/case-search-query.js';
import type { Caller } from '../../../bot/agent-console/console-auth.js';
import { LowdbHandoffStore } from '../../../bot/store/index.js';
import { createHandoffDesks, DEFAULT_SLA_POLICY, type CaseRecord } from '../../../handoff/index.js';
import { caseRecord } from '../store/contracts/handoff-store-contract.js';
import { useTempDirs } from '../../support/temp-dirs.js';

/** Registers this file's tests; ./console-routes-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function caseHistory(): void {
  // The search's own rules over a real file store and a transcript source that counts its reads: the
  // words are matched on the case first and on its transcript only when needed, pages hold what they
  // say, and a search that would read too many transcripts stops and says so.
  const tempDir = useTempDirs('vastaa-history-');
  const supervisor = { agent: { login: 'sanna', name: 'Sanna', language: 'fi', role: 'supervisor' } } as unknown as Caller;

  async function historyOf(cases: CaseRecord[], transcriptText: (conversationId: string) => string, maxTranscripts?: number) {
    const store = await LowdbHandoffStore.open(path.join(await tempDir(), 'handoff.json'));
    await store.transact((tx) => cases.forEach((record) => tx.putCase(record)));
    const reads: string[] = [];
    const transcripts = {
      async allActivities(_channelId: string, conversationId: string): Promise<Activity[]> {
        reads.push(conversationId);
        return [{ type: 'message', text: transcriptText(conversationId), from: { id: 'u', role: 'user' } } as Activity];
      },
    };
    const history = new CaseHistory({
      desk: createHandoffDesks(store).agent,
      transcripts,
      sla: DEFAULT_SLA_POLICY,
      now: () => new Date('2026-11-27T12:00:00.000Z'),
      timeZone: () => 'Europe/Helsinki',
      ...(maxTranscripts ? { maxTranscripts } : {}),
    });
    return { history, reads };
  }

  /** Five closed cases, C-1 oldest; each conversation's transcript says where the customer lives. */
  const fiveCases = () => [1, 2, 3, 4, 5].map((n) => caseRecord(`C-${n}`, { status: 'closed', agent: 'vili', createdAt: `2026-11-2${n}T10:00:00.000Z` }));
  const query = (text: string) => caseSearchQuery.parse(Object.fromEntries(new URLSearchParams(text)));
  const idsOf = (page: { results: { id: string }[] }) => page.results.map((hit) => hit.id);

  describe('searching case history', () => {
    test('words in the case itself need no transcript; other words are looked up in transcripts', async () => {
      const { history, reads } = await historyOf(fiveCases(), (id) => (id === 'conversation-C-2' ? 'asun Tampereella' : 'asun Oulussa'));
      expect(idsOf(await history.search(supervisor, query('text=pyysi henkilöä&limit=2')))).toEqual(['C-5', 'C-4']);
      expect(reads).toEqual([]);
      expect(idsOf(await history.search(supervisor, query('text=tampereella')))).toEqual(['C-2']);
      expect(reads).toHaveLength(5);
    });

    test('pages hold at most limit results and say where the next one starts', async () => {
      const { history } = await historyOf(fiveCases(), () => 'asun Oulussa');
      const first = await history.search(supervisor, query('text=oulussa&limit=2'));
      expect([idsOf(first), first.nextOffset]).toEqual([['C-5', 'C-4'], 2]);
      const second = await history.search(supervisor, query('text=oulussa&limit=2&offset=2'));
      expect([idsOf(second), second.nextOffset]).toEqual([['C-3', 'C-2'], 4]);
      const last = await history.search(supervisor, query('text=oulussa&limit=2&offset=4'));
      expect([idsOf(last), last.nextOffset, last.partial]).toEqual([['C-1'], null, false]);
    });

    test('a search that would read more transcripts than allowed stops and says it is partial', async () => {
      const { history, reads } = await historyOf(fiveCases(), (id) => (id === 'conversation-C-1' ? 'asun Oulussa' : 'asun Espoossa'), 3);
      const page = await history.search(supervisor, query('text=oulussa'));
      expect(page).toEqual({ results: [], nextOffset: null, partial: true });
      expect(reads).toEqual(['conversation-C-5', 'conversation-C-4', 'conversation-C-3']);
    });

    test('the words around the match start and end on whole words', async () => {
      const long = `${'alkuun paljon tekstiä '.repeat(5)}reititin vilkkuu punaisena ${'ja sitten vielä lisää '.repeat(6)}`;
      const { history } = await historyOf([caseRecord('C-1', { status: 'closed', agent: 'vili' })], () => long);
      const [hit] = (await history.search(supervisor, query('text=vilkkuu'))).results;
      expect(hit!.match).toMatch(/^…[a-zä]+ [\s\S]*reititin vilkkuu punaisena[\s\S]* [a-zä]+…$/);
      expect(hit!.match!.split(' ').every((word) => /^…?[a-zä]+…?$/.test(word))).toBe(true);
    });
  });
}
