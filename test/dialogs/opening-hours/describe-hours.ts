import { loadMessages, type MessageCatalog } from '../../../core/content/index.js';
import type { Language } from '../../../core/index.js';
import { textsOf } from '../../../dialogs/index.js';
import { describeHours, parseDayExpression, type ServiceHours } from '../../../dialogs/opening-hours/index.js';
import { PROJECT_ROOT } from '../../support/test-bot.js';
import { shippedHours } from './shipped-hours.js';

/** Registers this file's tests; test/dialogs/dialog-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function openingHoursDescribeHoursTests(): void {
  let hours: ServiceHours;
  let messages: MessageCatalog;

  beforeAll(async () => {
    hours = await shippedHours();
    messages = (await loadMessages(PROJECT_ROOT)).messages;
  });

  /** Parses the question as a customer wrote it and answers it, as the dialog will. */
  function answer(text: string, language: Language, now: string, channels?: string[]): string {
    const at = new Date(now);
    const day = parseDayExpression(text, language, at, hours);
    if (!day) throw new Error(`answer(): no day in "${text}"`);
    return describeHours(hours, channels ? { day, channels } : { day }, language, at, textsOf(messages, language));
  }

  // Monday 7 December 2026: 12:00 and 22:00 in Helsinki.
  const MONDAY_NOON = '2026-12-07T10:00:00Z';
  const MONDAY_NIGHT = '2026-12-07T20:00:00Z';

  describe('describeHours', () => {
    test('says the chat is open now until 18', () => {
      expect(answer('onko chat auki nyt', 'fi', MONDAY_NOON, ['chat'])).toBe('Chat on nyt auki klo 18 asti.');
      expect(answer('is the chat open now', 'en', MONDAY_NOON, ['chat'])).toBe('Chat is open now until 18:00.');
    });

    test('says it opens at 8 tomorrow when asked at 22:00 on a weekday', () => {
      expect(answer('onko chat auki nyt', 'fi', MONDAY_NIGHT, ['chat'])).toBe('Chat on nyt kiinni. Se aukeaa huomenna klo 8.');
      expect(answer('is the chat open now', 'en', MONDAY_NIGHT, ['chat'])).toBe('Chat is closed now. It opens at 8:00 tomorrow.');
    });

    test('names the weekday of the next opening when it is not tomorrow', () => {
      // Friday 4 December 22:00: the phone is closed for the weekend.
      expect(answer('onko puhelin auki nyt', 'fi', '2026-12-04T20:00:00Z', ['phone'])).toBe('Puhelin on nyt kiinni. Se aukeaa maanantaina klo 9.');
      expect(answer('is the phone open now', 'en', '2026-12-04T20:00:00Z', ['phone'])).toBe('Phone is closed now. It opens at 9:00 on Monday.');
    });

    test('lists every channel as a markdown list when no channel is named', () => {
      expect(answer('oletteko auki nyt', 'fi', MONDAY_NIGHT)).toBe(
        [
          'Olemme nyt kiinni.',
          '',
          '- Puhelin: kiinni, aukeaa huomenna klo 9',
          '- Chat: kiinni, aukeaa huomenna klo 8',
          '- Myymälä: kiinni, aukeaa huomenna klo 10',
        ].join('\n'),
      );
      expect(answer('are you open now', 'en', '2026-12-07T15:00:00Z')).toBe(
        ['Some of our channels are open now:', '', '- Phone: closed, opens at 9:00 tomorrow', '- Chat: open until 18:00', '- Store: open until 19:00'].join(
          '\n',
        ),
      );
    });

    test("gives a Sunday's chat hours with the date", () => {
      expect(answer('onko chat auki sunnuntaina', 'fi', '2026-12-09T10:00:00Z', ['chat'])).toBe('Sunnuntaina 13.12. chat on auki 10–16.');
      expect(answer('is chat open on sunday', 'en', '2026-12-09T10:00:00Z', ['chat'])).toBe('On Sunday 13 December, chat is open 10:00–16:00.');
    });

    test('knows midsummer eve hours from "juhannuksena"', () => {
      expect(answer('palveletteko juhannuksena', 'fi', '2026-06-01T09:00:00Z', ['chat', 'phone'])).toBe(
        'Juhannusaattona 19.6. palvelemme chatissa 10–14, puhelin on kiinni.',
      );
      expect(answer('are you open at midsummer', 'en', '2026-06-01T09:00:00Z', ['chat', 'phone'])).toBe(
        'On Midsummer Eve (19 June), chat is open 10:00–14:00 and phone is closed.',
      );
    });

    test("lists Christmas Eve hours of all channels under the holiday's name", () => {
      expect(answer('oletteko auki jouluaattona', 'fi', MONDAY_NOON)).toBe(
        ['Jouluaattona 24.12. palvelemme näin:', '', '- Puhelin: kiinni', '- Chat: 10–14', '- Myymälä: 8–12'].join('\n'),
      );
      expect(answer('are you open on christmas eve', 'en', MONDAY_NOON)).toBe(
        ['On Christmas Eve (24 December), our hours are:', '', '- Phone: closed', '- Chat: 10:00–14:00', '- Store: 8:00–12:00'].join('\n'),
      );
    });

    test('says in one sentence that everything is closed on midsummer day', () => {
      expect(answer('juhannuspäivänä', 'fi', '2026-06-01T09:00:00Z')).toBe('Juhannuspäivänä 20.6. olemme kiinni.');
      expect(answer('on midsummer day', 'en', '2026-06-01T09:00:00Z')).toBe('On Midsummer Day (20 June), we are closed.');
    });

    test('calls today and tomorrow by name', () => {
      expect(answer('onko puhelin auki tänään', 'fi', MONDAY_NOON, ['phone'])).toBe('Tänään 7.12. puhelin on auki 9–16.');
      expect(answer('is the store open tomorrow', 'en', MONDAY_NOON, ['store'])).toBe('Tomorrow (8 December), store is open 10:00–19:00.');
      expect(answer('onko puhelin auki lauantaina', 'fi', MONDAY_NOON, ['phone'])).toBe('Lauantaina 12.12. puhelin on kiinni.');
    });
  });

  describe('describeHours wording', () => {
    test('comes from messages/bot.yaml, so an editor can change it without code', () => {
      const base = textsOf(messages, 'fi');
      const edited = (key: string, values?: Record<string, string>) =>
        key === 'hours_closed_now' ? `${values?.channel} avautuu ${values?.when} kello ${values?.time}.` : base(key, values);
      const at = new Date(MONDAY_NIGHT);
      expect(describeHours(hours, { day: 'now', channels: ['chat'] }, 'fi', at, edited)).toBe('Chat avautuu huomenna kello 8.');
    });

    test('names a channel without a hours_channel_ message by its id rather than failing', () => {
      const withoutNames = (key: string, values?: Record<string, string>) =>
        key.startsWith('hours_channel_') ? undefined : textsOf(messages, 'fi')(key, values);
      expect(describeHours(hours, { day: 'now', channels: ['phone'] }, 'fi', new Date(MONDAY_NOON), withoutNames)).toBe('Phone on nyt auki klo 16 asti.');
    });
  });
}
