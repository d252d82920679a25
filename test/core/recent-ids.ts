import { RecentIds } from '../../core/index.js';

/** Registers this file's tests; ./core-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function recentIds(): void {
  describe('RecentIds', () => {
    test('knows an id again within the window and forgets it after', () => {
      let now = 0;
      const recent = new RecentIds({ maxEntries: 10, ttlMs: 1000, now: () => now });
      expect(recent.firstSighting('a')).toBe(true);
      now = 999;
      expect(recent.firstSighting('a')).toBe(false);
      now = 1000;
      expect(recent.firstSighting('a')).toBe(true);
    });

    test('holds at most maxEntries ids, forgetting the oldest first, however many arrive', () => {
      const recent = new RecentIds({ maxEntries: 3, ttlMs: 60_000, now: () => 0 });
      for (let n = 0; n < 1000; n++) recent.firstSighting(`id-${n}`);
      expect(recent.size).toBe(3);
      expect(recent.firstSighting('id-999')).toBe(false);
      expect(recent.firstSighting('id-0')).toBe(true);
    });

    test('forget lets a failed delivery be retried', () => {
      const recent = new RecentIds({ maxEntries: 3, ttlMs: 60_000 });
      recent.firstSighting('a');
      recent.forget('a');
      expect(recent.firstSighting('a')).toBe(true);
    });
  });
}
