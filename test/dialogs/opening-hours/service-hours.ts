import { instantAt, ServiceHours, type DayHours, type HoursConfig, type Weekday } from '../../../dialogs/opening-hours/index.js';
import { shippedHours } from './shipped-hours.js';

/** Registers this file's tests; test/dialogs/dialog-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function openingHoursServiceHoursTests(): void {
  const range = (open: string, close: string): DayHours => ({ open, close });
  const week = (weekday: DayHours, sat: DayHours, sun: DayHours): Record<Weekday, DayHours> => ({
    mon: weekday,
    tue: weekday,
    wed: weekday,
    thu: weekday,
    fri: weekday,
    sat,
    sun,
  });

  const config: HoursConfig = {
    timezone: 'Europe/Helsinki',
    agents: 'chat',
    channels: {
      chat: week(range('08:00', '18:00'), range('10:00', '16:00'), range('10:00', '16:00')),
      phone: week(range('09:00', '16:00'), 'closed', 'closed'),
      always: week(range('00:00', '24:00'), range('00:00', '24:00'), range('00:00', '24:00')),
    },
    exceptions: [
      { date: '2026-06-19', name: { fi: 'Juhannusaatto', en: 'Midsummer Eve' }, hours: { chat: range('10:00', '14:00'), phone: 'closed', always: 'closed' } },
      { date: '2026-06-20', name: { fi: 'Juhannuspäivä', en: 'Midsummer Day' }, hours: { chat: 'closed', phone: 'closed', always: range('00:00', '24:00') } },
    ],
  };
  const hours = new ServiceHours(config);

  describe('ServiceHours', () => {
    test('is open inside the weekly hours and closed at the closing minute', () => {
      // Monday 7 December 2026, Helsinki is UTC+2.
      expect(hours.isOpen('chat', new Date('2026-12-07T05:59:00Z'))).toBe(false);
      expect(hours.isOpen('chat', new Date('2026-12-07T06:00:00Z'))).toBe(true);
      expect(hours.isOpen('chat', new Date('2026-12-07T15:59:00Z'))).toBe(true);
      expect(hours.isOpen('chat', new Date('2026-12-07T16:00:00Z'))).toBe(false);
    });

    test('says it opens at 8 tomorrow when asked at 22:00 on a weekday', () => {
      expect(hours.availability('chat', new Date('2026-12-07T20:00:00Z'))).toEqual({ openNow: false, nextOpensAt: new Date('2026-12-08T06:00:00Z') });
    });

    test('says when it closes while open', () => {
      expect(hours.availability('chat', new Date('2026-12-07T10:00:00Z'))).toEqual({ openNow: true, closesAt: new Date('2026-12-07T16:00:00Z') });
    });

    test('lets a holiday override the weekly hours', () => {
      expect(hours.hoursOn('chat', '2026-06-19')).toEqual({ hours: range('10:00', '14:00'), exception: { fi: 'Juhannusaatto', en: 'Midsummer Eve' } });
      expect(hours.hoursOn('chat', '2026-06-18')).toEqual({ hours: range('08:00', '18:00') });
      // Friday 19 June 2026 at 15:00 local (UTC+3): a normal Friday is open, midsummer eve closed at 14.
      expect(hours.isOpen('chat', new Date('2026-06-19T12:00:00Z'))).toBe(false);
    });

    test('skips a closed holiday when telling the next opening', () => {
      // Midsummer eve 23:00: midsummer day is closed, Sunday opens at 10.
      expect(hours.nextOpening('chat', new Date('2026-06-19T20:00:00Z'))).toEqual(new Date('2026-06-21T07:00:00Z'));
      expect(hours.nextOpening('phone', new Date('2026-06-19T20:00:00Z'))).toEqual(new Date('2026-06-22T06:00:00Z'));
    });

    test('tells the next period, not the current one, as the next opening while open', () => {
      expect(hours.nextOpening('chat', new Date('2026-12-07T10:00:00Z'))).toEqual(new Date('2026-12-08T06:00:00Z'));
    });

    test('treats midnight-to-midnight days in a row as one opening and stops at the first break', () => {
      // Thursday 18 June: open through the night until midsummer eve, which is closed.
      expect(hours.availability('always', new Date('2026-06-16T12:00:00Z'))).toEqual({ openNow: true, closesAt: new Date('2026-06-18T21:00:00Z') });
    });

    test('gives no next opening when nothing opens within 14 days', () => {
      const closed = new ServiceHours({ ...config, channels: { chat: week('closed', 'closed', 'closed') }, exceptions: [] });
      expect(closed.availability('chat', new Date('2026-12-07T10:00:00Z'))).toEqual({ openNow: false });
    });

    test('keeps the right hours across the March DST change', () => {
      // Saturday 28 March 2026 is UTC+2, Sunday 29 March UTC+3: 10:00 local is 08:00Z, then 07:00Z.
      expect(hours.nextOpening('chat', new Date('2026-03-28T18:00:00Z'))).toEqual(new Date('2026-03-29T07:00:00Z'));
      expect(hours.isOpen('chat', new Date('2026-03-29T06:59:00Z'))).toBe(false);
      expect(hours.isOpen('chat', new Date('2026-03-29T07:00:00Z'))).toBe(true);
      expect(hours.availability('chat', new Date('2026-03-29T12:00:00Z'))).toEqual({ openNow: true, closesAt: new Date('2026-03-29T13:00:00Z') });
    });

    test('keeps the right hours across the October DST change', () => {
      // Saturday 24 October 2026 is UTC+3, Sunday 25 October UTC+2: 10:00 local is 07:00Z, then 08:00Z.
      expect(hours.isOpen('chat', new Date('2026-10-24T07:00:00Z'))).toBe(true);
      expect(hours.nextOpening('chat', new Date('2026-10-24T17:00:00Z'))).toEqual(new Date('2026-10-25T08:00:00Z'));
      expect(hours.isOpen('chat', new Date('2026-10-25T07:30:00Z'))).toBe(false);
      expect(hours.isOpen('chat', new Date('2026-10-25T08:00:00Z'))).toBe(true);
    });

    test('moves a time in the skipped spring hour forward and takes the first of a repeated autumn hour', () => {
      expect(instantAt('2026-03-29', 3 * 60 + 30, 'Europe/Helsinki')).toEqual(new Date('2026-03-29T01:30:00Z'));
      expect(instantAt('2026-10-25', 3 * 60 + 30, 'Europe/Helsinki')).toEqual(new Date('2026-10-25T00:30:00Z'));
    });

    test('works in another time zone', () => {
      const london = new ServiceHours({ ...config, timezone: 'Europe/London' });
      expect(london.availability('chat', new Date('2026-12-07T19:00:00Z'))).toEqual({ openNow: false, nextOpensAt: new Date('2026-12-08T08:00:00Z') });
    });

    test('names the function and the known channels for an unknown channel', () => {
      expect(() => hours.isOpen('email', new Date('2026-12-07T10:00:00Z'))).toThrow(
        'ServiceHours.isOpen(): unknown channel "email"; the file has chat, phone, always',
      );
    });

    test('answers from the shipped file that the chat is closed on Christmas Day and opens on Boxing Day at 10', async () => {
      const shipped = await shippedHours();
      expect(shipped.agentChannel).toBe('chat');
      expect(shipped.availability(shipped.agentChannel, new Date('2026-12-25T10:00:00Z'))).toEqual({
        openNow: false,
        nextOpensAt: new Date('2026-12-26T08:00:00Z'),
      });
    });
  });
}
