import { describe, expect, test } from '@jest/globals';
import { datesFrom, localTimeOf } from '../../handoff/index.js';

/** Registers this file's tests; test/handoff/handoff-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function localTimeTests(): void {
  describe('local time in the service time zone', () => {
    test('an instant gets its local date, ISO weekday and hour', () => {
      expect(localTimeOf('2026-11-24T22:30:00Z', 'Europe/Helsinki')).toEqual({ date: '2026-11-25', weekday: 3, hour: 0 });
      expect(localTimeOf('2026-11-23T07:10:00.000Z', 'Europe/Helsinki')).toEqual({ date: '2026-11-23', weekday: 1, hour: 9 });
    });

    test('is right on both sides of a daylight saving switch, also one in the middle of a UTC hour', () => {
      // Helsinki moves to summer time at 01:00 UTC on 29 March 2026: 02:59 EET is followed by 04:00 EEST.
      expect(localTimeOf('2026-03-29T00:59:59Z', 'Europe/Helsinki')).toEqual({ date: '2026-03-29', weekday: 7, hour: 2 });
      expect(localTimeOf('2026-03-29T01:00:00Z', 'Europe/Helsinki')).toEqual({ date: '2026-03-29', weekday: 7, hour: 4 });
      // St John's (UTC-3:30) switches at 02:00 local, 05:30 UTC, on 8 March 2026.
      expect(localTimeOf('2026-03-08T05:29:00Z', 'America/St_Johns')).toEqual({ date: '2026-03-08', weekday: 7, hour: 1 });
      expect(localTimeOf('2026-03-08T05:31:00Z', 'America/St_Johns')).toEqual({ date: '2026-03-08', weekday: 7, hour: 3 });
    });

    test('lists the days of a period, both ends included, across a month end', () => {
      expect(datesFrom('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    });
  });
}
