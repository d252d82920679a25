import { describe, expect, test } from '@jest/globals';
import { clusterInbox } from '../../../bot/studio/inbox-clusters.js';
import type { InboxItem } from '../../../dialogs/index.js';

/** Registers this file's tests; ../app-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function studioInboxClusters(): void {
  let counter = 0;
  function item(text: string, at: string, fields: Partial<InboxItem> = {}): InboxItem {
    counter += 1;
    return {
      id: counter.toString(16).padStart(16, '0'),
      kind: 'not_understood',
      text,
      language: 'fi',
      at,
      conversationKey: `emulator/c${counter}`,
      verdict: 'unfamiliar',
      score: 0.3,
      ranking: [
        { intent: 'billing', score: 0.3 },
        { intent: 'help', score: 0.2 },
        { intent: 'outage', score: 0.1 },
      ],
      ...fields,
    };
  }

  const texts = (clusters: ReturnType<typeof clusterInbox>) => clusters.map((cluster) => cluster.examples.map((example) => example.text));

  describe('grouping the learning inbox', () => {
    test('puts the same question in other words together (inflected forms too) and a different one apart', () => {
      const clusters = clusterInbox([
        item('myyttekö lahjakortteja', '2026-11-25T10:00:00Z'),
        item('saako teiltä lahjakortin', '2026-11-25T11:00:00Z'),
        item('myyttekö kuponkeja', '2026-11-25T12:00:00Z'),
        item('do you sell gift cards', '2026-11-25T09:00:00Z', { language: 'en' }),
        item('can I buy a gift card', '2026-11-25T09:30:00Z', { language: 'en' }),
        item('do you sell coupons', '2026-11-25T08:00:00Z', { language: 'en' }),
      ]);
      expect(texts(clusters)).toEqual([
        ['myyttekö kuponkeja'],
        ['saako teiltä lahjakortin', 'myyttekö lahjakortteja'],
        ['can I buy a gift card', 'do you sell gift cards'],
        ['do you sell coupons'],
      ]);
      expect(clusters.map((cluster) => cluster.count)).toEqual([1, 2, 2, 1]);
    });

    test('never groups across languages, even for the same words', () => {
      const clusters = clusterInbox([item('chat bot', '2026-11-25T10:00:00Z'), item('chat bot', '2026-11-25T10:01:00Z', { language: 'en' })]);
      expect(clusters.map((cluster) => [cluster.language, cluster.count])).toEqual([
        ['en', 1],
        ['fi', 1],
      ]);
    });

    test('a cluster lists every item id, its newest five, the kinds and the intents the NLU leaned to on average', () => {
      const items = Array.from({ length: 7 }, (_, index) =>
        item(`myyttekö lahjakortteja ${index === 6 ? 'vielä' : ''}`.trim(), `2026-11-2${index}T10:00:00Z`, {
          kind: index === 0 ? 'handoff_low_confidence' : 'not_understood',
          ranking: [{ intent: index % 2 ? 'help' : 'billing', score: 0.4 }],
        }),
      );
      const [cluster] = clusterInbox(items);
      expect(cluster!.count).toBe(7);
      expect(cluster!.itemIds).toHaveLength(7);
      expect(cluster!.examples.map((example) => example.at)).toEqual([
        '2026-11-26T10:00:00Z',
        '2026-11-25T10:00:00Z',
        '2026-11-24T10:00:00Z',
        '2026-11-23T10:00:00Z',
        '2026-11-22T10:00:00Z',
      ]);
      expect(cluster!.newest).toBe('2026-11-26T10:00:00Z');
      expect(cluster!.kinds).toEqual({ handoff_low_confidence: 1, not_understood: 6 });
      // billing in 4 of 7 items at 0.4, help in 3 of 7.
      expect(cluster!.suggestions).toEqual([
        { intent: 'billing', score: 0.229 },
        { intent: 'help', score: 0.171 },
      ]);
    });

    test('filters by language and by a time range (from inclusive, to exclusive)', () => {
      const items = [
        item('laskussa virhe joka kuukausi', '2026-11-24T22:00:00Z'),
        item('missä on lähin myymälä', '2026-11-25T22:00:00Z'),
        item('where is the nearest store', '2026-11-25T23:00:00Z', { language: 'en' }),
      ];
      expect(texts(clusterInbox(items, { language: 'en' }))).toEqual([['where is the nearest store']]);
      // 25.11. in Helsinki: from 24.11. 22:00 UTC to 25.11. 22:00 UTC.
      expect(texts(clusterInbox(items, { from: new Date('2026-11-24T22:00:00Z'), to: new Date('2026-11-25T22:00:00Z') }))).toEqual([
        ['laskussa virhe joka kuukausi'],
      ]);
    });
  });
}
