import { parseDayExpression, type ServiceHours } from '../../../dialogs/opening-hours/index.js';
import { shippedHours } from './shipped-hours.js';

/** Registers this file's tests; test/dialogs/dialog-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function openingHoursDayExpressionTests(): void {
  // Wednesday 2 December 2026, 12:00 in Helsinki.
  const WEDNESDAY = new Date('2026-12-02T10:00:00Z');
  let hours: ServiceHours;

  beforeAll(async () => {
    hours = await shippedHours();
  });

  describe('parseDayExpression', () => {
    test.each([
      ['onko chat auki nyt?', 'now'],
      ['oletteko tällä hetkellä auki', 'now'],
      ['oletteko auki tänään', '2026-12-02'],
      ['ootteks auki tänää', '2026-12-02'],
      ['aukeeko huomenna', '2026-12-03'],
      ['entä huomen', '2026-12-03'],
      ['ylihuomenna?', '2026-12-04'],
      ['onko auki sunnuntaina', '2026-12-06'],
      ['sunnuntai', '2026-12-06'],
      ['keskiviikkona', '2026-12-02'],
      ['ensi keskiviikkona', '2026-12-09'],
      ['auki su?', '2026-12-06'],
      ['oletteko auki viikonloppuna', '2026-12-05'],
      ['24.12.', '2026-12-24'],
    ])('understands the Finnish "%s" as %s', (text, expected) => {
      expect(parseDayExpression(text, 'fi', WEDNESDAY, hours)).toBe(expected);
    });

    test.each([
      ['are you open now?', 'now'],
      ['are you open today', '2026-12-02'],
      ['what about tomorrow', '2026-12-03'],
      ['open on sunday?', '2026-12-06'],
      ['are you open this weekend', '2026-12-05'],
      ['are you open on christmas eve', '2026-12-24'],
      ['and on christmas day?', '2026-12-25'],
      ['opening hours at new year', '2026-12-31'],
    ])('understands the English "%s" as %s', (text, expected) => {
      expect(parseDayExpression(text, 'en', WEDNESDAY, hours)).toBe(expected);
    });

    test.each([
      ['juhannuksena', '2026-06-19'],
      ['juhannuspäivänä', '2026-06-20'],
      ['vappuna', '2026-05-01'],
      ['pääsiäisenä', '2026-04-05'],
      ['toisena pääsiäispäivänä', '2026-04-06'],
      ['2. pääsiäispäivänä', '2026-04-06'],
      ['loppiaisena', '2026-01-06'],
      ['jouluna', '2026-12-24'],
      ['uutenavuotena', '2026-12-31'],
      ['at midsummer', '2026-06-19'],
      ['on good friday', '2026-04-03'],
    ])('finds the first upcoming special day from "%s"', (text, expected) => {
      expect(parseDayExpression(text, 'fi', new Date('2026-01-02T10:00:00Z'), hours)).toBe(expected);
    });

    test('knows midsummer eve from "juhannuksena" in the following year once this year\'s has passed', () => {
      expect(parseDayExpression('oletteko auki juhannuksena', 'fi', new Date('2026-07-01T10:00:00Z'), hours)).toBe('2027-06-25');
    });

    test('reads a named day over "now" and "sunnuntaina" asked on a Sunday as today', () => {
      expect(parseDayExpression('onko nyt huomenna auki', 'fi', WEDNESDAY, hours)).toBe('2026-12-03');
      expect(parseDayExpression('onko auki sunnuntaina', 'fi', new Date('2026-12-06T10:00:00Z'), hours)).toBe('2026-12-06');
      expect(parseDayExpression('this weekend', 'en', new Date('2026-12-06T10:00:00Z'), hours)).toBe('2026-12-06');
    });

    test('uses the service time zone for today: 00:30 in Helsinki is already the next day', () => {
      expect(parseDayExpression('tänään', 'fi', new Date('2026-12-02T22:30:00Z'), hours)).toBe('2026-12-03');
    });

    test('reads "24.12." as a date but "klo 8.30." as a time', () => {
      expect(parseDayExpression('aukeeko klo 8.30.', 'fi', WEDNESDAY, hours)).toBeUndefined();
      expect(parseDayExpression('onko auki 2.1.', 'fi', WEDNESDAY, hours)).toBe('2027-01-02');
    });

    test('does not mistake December, "ma" for "I" or the word "may" for a holiday', () => {
      expect(parseDayExpression('oletteko auki joulukuussa', 'fi', WEDNESDAY, hours)).toBeUndefined();
      expect(parseDayExpression('ma haluun tietää teiän aukioloajat', 'fi', WEDNESDAY, hours)).toBeUndefined();
      expect(parseDayExpression('may I ask your opening hours', 'en', WEDNESDAY, hours)).toBeUndefined();
    });

    test('knows weekdays but no holidays without the hours file', () => {
      expect(parseDayExpression('sunnuntaina', 'fi', WEDNESDAY)).toBe('2026-12-06');
      expect(parseDayExpression('juhannuksena', 'fi', WEDNESDAY)).toBeUndefined();
    });
  });
}
