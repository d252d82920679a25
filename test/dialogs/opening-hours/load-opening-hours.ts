import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblem, loadOpeningHours } from '../../../core/content/index.js';

/** Registers this file's tests; test/dialogs/dialog-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function openingHoursLoadOpeningHoursTests(): void {
  const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
  const BROKEN = path.join(ROOT, 'test/fixtures/hours-broken');

  describe('opening-hours file', () => {
    test('the shipped file loads with no problems, in Helsinki time, with agents answering in chat', async () => {
      const { hours, problems } = await loadOpeningHours(ROOT);
      expect(problems.map(formatProblem)).toEqual([]);
      expect(hours!.timezone).toBe('Europe/Helsinki');
      expect(hours!.agents).toBe('chat');
      expect(Object.keys(hours!.channels).sort()).toEqual(['chat', 'phone', 'store']);
      expect(hours!.channels.chat!.mon).toEqual({ open: '08:00', close: '18:00' });
      expect(hours!.channels.phone!.sun).toBe('closed');
    });

    test('lists the Finnish public holidays of 2026 and 2027 on their real dates', async () => {
      const { hours } = await loadOpeningHours(ROOT);
      const dates = Object.fromEntries(hours!.exceptions.map((exception) => [`${exception.name.fi} ${exception.date.slice(0, 4)}`, exception.date]));
      expect(dates).toEqual({
        'Uudenvuodenpäivä 2026': '2026-01-01',
        'Loppiainen 2026': '2026-01-06',
        'Pitkäperjantai 2026': '2026-04-03',
        'Pääsiäispäivä 2026': '2026-04-05',
        '2. pääsiäispäivä 2026': '2026-04-06',
        'Vappu 2026': '2026-05-01',
        'Helatorstai 2026': '2026-05-14',
        'Juhannusaatto 2026': '2026-06-19',
        'Juhannuspäivä 2026': '2026-06-20',
        'Pyhäinpäivä 2026': '2026-10-31',
        'Itsenäisyyspäivä 2026': '2026-12-06',
        'Jouluaatto 2026': '2026-12-24',
        'Joulupäivä 2026': '2026-12-25',
        'Tapaninpäivä 2026': '2026-12-26',
        'Uudenvuodenaatto 2026': '2026-12-31',
        'Uudenvuodenpäivä 2027': '2027-01-01',
        'Loppiainen 2027': '2027-01-06',
        'Pitkäperjantai 2027': '2027-03-26',
        'Pääsiäispäivä 2027': '2027-03-28',
        '2. pääsiäispäivä 2027': '2027-03-29',
        'Vappu 2027': '2027-05-01',
        'Helatorstai 2027': '2027-05-06',
        'Juhannusaatto 2027': '2027-06-25',
        'Juhannuspäivä 2027': '2027-06-26',
        'Pyhäinpäivä 2027': '2027-11-06',
        'Itsenäisyyspäivä 2027': '2027-12-06',
        'Jouluaatto 2027': '2027-12-24',
        'Joulupäivä 2027': '2027-12-25',
        'Tapaninpäivä 2027': '2027-12-26',
        'Uudenvuodenaatto 2027': '2027-12-31',
      });
    });

    test('reports the file and line of a bad time range, an unknown time zone and an impossible date', async () => {
      const { hours, problems } = await loadOpeningHours(BROKEN);
      expect(hours).toBeUndefined();
      expect(problems.map(formatProblem)).toEqual([
        'hours/opening-hours.yaml:2: timezone is not a time zone the server knows; use an IANA name such as Europe/Helsinki',
        'hours/opening-hours.yaml:5: channels.chat.sun is missing',
        'hours/opening-hours.yaml:7: channels.chat.tue "18:00-08:00" must end after it starts; hours past midnight go on the next day as "00:00-02:00"',
        'hours/opening-hours.yaml:8: channels.chat.wed "8-18" is not a time range; write "HH:MM-HH:MM" such as "08:00-18:00", or closed',
        'hours/opening-hours.yaml:10: channels.chat.fri "08:00-24:30" ends after 24:00; the latest closing time is 24:00',
        'hours/opening-hours.yaml:21: exceptions[0].date must be a real date written as YYYY-MM-DD, such as 2026-12-24',
      ]);
    });

    test('reports an unknown agents channel, a date listed twice and a holiday that forgets a channel', async () => {
      const { hours, problems } = await loadOpeningHours(BROKEN, 'hours/mismatched.yaml');
      expect(hours).toBeUndefined();
      expect(problems.map(formatProblem)).toEqual([
        'hours/mismatched.yaml:2: agents names the channel "email", but the file has chat, store',
        'hours/mismatched.yaml:23: exceptions[0].hours.store is missing; give its hours or closed',
        'hours/mismatched.yaml:24: exceptions[1].date 2026-12-24 is already at line 21; keep one',
        'hours/mismatched.yaml:26: exceptions[1].hours.phone is not a channel; the file has chat, store',
      ]);
    });

    test('says so when the file cannot be read', async () => {
      const { problems } = await loadOpeningHours(BROKEN, 'hours/missing.yaml');
      expect(problems.map(formatProblem)).toEqual([expect.stringMatching(/^hours\/missing.yaml:1: cannot read the file \(ENOENT/)]);
    });
  });
}
