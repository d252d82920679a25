import { ActionTypes, type Activity } from 'botbuilder';
import { profileOf, shapeReply } from '../../../../bot/channels/replies/index.js';
import { plainText } from '../../../../bot/channels/replies/plain-text.js';
import { shortenLists } from '../../../../bot/channels/replies/shorten-lists.js';
import { splitText } from '../../../../bot/channels/replies/split-text.js';

/** Registers this file's tests; ../channels-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function repliesShapeReply(): void {
  const buttons = (titles: string[]) => ({ to: [], actions: titles.map((title) => ({ type: ActionTypes.ImBack, title, value: title })) });
  const message = (text: string, titles: string[] = []): Partial<Activity> => ({
    type: 'message',
    text,
    textFormat: 'markdown',
    ...(titles.length ? { suggestedActions: buttons(titles) } : {}),
  });

  describe('channel-aware replies', () => {
    test('Web Chat gets the reply as the dialog wrote it: markdown and every button', () => {
      const reply = message(
        '**Auki** tänään:\n- ma 8–16\n- ti 8–16',
        Array.from({ length: 15 }, (_, i) => `Aihe ${i + 1}`),
      );
      expect(shapeReply(reply, profileOf('vastaa-directline'))).toEqual([reply]);
      expect(shapeReply(reply, profileOf('webchat'))).toEqual([reply]);
    });

    test('Messenger gets plain text, at most 13 quick replies and titles of at most 20 characters', () => {
      const titles = ['Tilauksen toimitusaika ja seuranta', ...Array.from({ length: 14 }, (_, i) => `Aihe ${i + 1}`)];
      const [shaped, ...rest] = shapeReply(message('**Huom!** Katso [ohjeet](https://example.fi/ohje).', titles), profileOf('facebook'));
      expect(rest).toEqual([]);
      expect(shaped!.text).toBe('Huom! Katso ohjeet (https://example.fi/ohje).');
      expect(shaped!.textFormat).toBe('plain');
      const shown = shaped!.suggestedActions!.actions.map((action) => action.title!);
      expect(shown).toHaveLength(13);
      expect(shown[0]).toBe('Tilauksen toimitusa…');
      expect(shown.every((title) => title.length <= 20)).toBe(true);
    });

    test('splits a long Messenger answer on sentence boundaries and keeps the buttons under the last part', () => {
      const sentence = 'Tämä on pitkän vastauksen yksi lause, jossa on sopivasti sanoja. ';
      const text = sentence.repeat(60).trim();
      const parts = shapeReply(message(text, ['Kiitos']), profileOf('facebook'));
      expect(parts.length).toBe(2);
      for (const part of parts) {
        expect(part.text!.length).toBeLessThanOrEqual(2000);
        expect(part.text).toMatch(/\.$/);
      }
      expect(parts.map((part) => part.text).join(' ')).toBe(text);
      expect(parts[0]!.suggestedActions).toBeUndefined();
      expect(parts[1]!.suggestedActions?.actions.map((action) => action.title)).toEqual(['Kiitos']);
    });

    test('shortens a long list for Messenger and says how many items were left out', () => {
      const list = Array.from({ length: 14 }, (_, i) => `- Alue ${i + 1}`).join('\n');
      const [shaped] = shapeReply(message(`Häiriöalueet:\n${list}\nKorjaamme ne tänään.`), profileOf('facebook'));
      const lines = shaped!.text!.split('\n');
      expect(lines.filter((line) => line.startsWith('• '))).toHaveLength(10);
      expect(lines.slice(-2)).toEqual(['… (+4)', 'Korjaamme ne tänään.']);
    });

    test('leaves typing indicators and events alone', () => {
      expect(shapeReply({ type: 'typing' }, profileOf('facebook'))).toEqual([{ type: 'typing' }]);
    });

    test('channels without a profile get the reply unchanged', () => {
      const reply = message('**x**', ['a']);
      expect(shapeReply(reply, profileOf('some-new-channel'))).toEqual([reply]);
    });
  });

  describe('plain text from markdown', () => {
    test.each([
      ['**lihava** ja __myös__', 'lihava ja myös'],
      ['*kursiivi* ja _myös_', 'kursiivi ja myös'],
      ['intent order_status pysyy', 'intent order_status pysyy'],
      ['[https://x.fi](https://x.fi)', 'https://x.fi'],
      ['## Otsikko', 'Otsikko'],
      ['* kohta\n* toinen', '• kohta\n• toinen'],
      ['1. yksi\n2. kaksi', '1. yksi\n2. kaksi'],
      ['hinta 5 \\* 2', 'hinta 5 * 2'],
      ['`koodi`', 'koodi'],
    ])('%j reads as %j', (markdown, text) => {
      expect(plainText(markdown)).toBe(text);
    });
  });

  describe('splitting text', () => {
    test('prefers a paragraph break over a sentence end', () => {
      expect(splitText('Eka kappale on tässä. Jatkuu.\n\nToinen kappale alkaa.', 40)).toEqual(['Eka kappale on tässä. Jatkuu.', 'Toinen kappale alkaa.']);
    });

    test('cuts a word only when a piece has no space at all', () => {
      expect(splitText('a'.repeat(25), 10)).toEqual(['a'.repeat(10), 'a'.repeat(10), 'a'.repeat(5)]);
    });

    test('keeps text that fits as one piece', () => {
      expect(splitText(' Lyhyt. ', 2000)).toEqual(['Lyhyt.']);
    });
  });

  describe('shortening lists', () => {
    test('counts each list separately', () => {
      const text = ['- a', '- b', '- c', 'väli', '1. x', '2. y'].join('\n');
      expect(shortenLists(text, 2)).toBe(['- a', '- b', '… (+1)', 'väli', '1. x', '2. y'].join('\n'));
    });
  });
}
