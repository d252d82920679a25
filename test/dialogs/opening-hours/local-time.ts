import { describe, expect, test } from '@jest/globals';
import { localDateOf, localMinutesOf } from '../../../dialogs/opening-hours/local-time.js';

/** Registers this file's tests; test/dialogs/dialog-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function openingHoursLocalTimeTests(): void {
  /** The wall clock as Intl prints it for that very instant: what the remembered offsets must agree with. */
  function intlWallClock(at: Date, timeZone: string): { date: string; minutes: number } {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
        .formatToParts(at)
        .map((part) => [part.type, part.value]),
    );
    return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
  }

  describe('local wall clock from remembered zone offsets', () => {
    // Helsinki and New York change by an hour, Lord Howe by half an hour, Kolkata never.
    const zones = ['Europe/Helsinki', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata'];
    const changes = [
      '2026-03-08T07:00:00Z',
      '2026-03-29T01:00:00Z',
      '2026-04-04T15:00:00Z',
      '2026-10-03T16:00:00Z',
      '2026-10-25T01:00:00Z',
      '2026-11-01T06:00:00Z',
    ];

    test('agrees with Intl at every instant around the 2026 clock changes, to the second', () => {
      for (const timeZone of zones) {
        for (const change of changes) {
          const centre = Date.parse(change);
          // Every 7 min 13.5 s for three hours either side: instants at all seconds and fractions of a minute.
          for (let at = centre - 3 * 3_600_000; at <= centre + 3 * 3_600_000; at += 433_500) {
            const expected = intlWallClock(new Date(at), timeZone);
            expect({
              at: new Date(at).toISOString(),
              timeZone,
              date: localDateOf(new Date(at), timeZone),
              minutes: localMinutesOf(new Date(at), timeZone),
            }).toEqual({
              at: new Date(at).toISOString(),
              timeZone,
              ...expected,
            });
          }
        }
      }
    });

    test('reads the last second before a change and the first after it right', () => {
      const change = Date.parse('2026-03-29T01:00:00Z'); // Helsinki: 03:00 becomes 04:00
      expect(localMinutesOf(new Date(change - 1), 'Europe/Helsinki')).toBe(2 * 60 + 59);
      expect(localMinutesOf(new Date(change), 'Europe/Helsinki')).toBe(4 * 60);
    });
  });
}
