import { maskPersonalData } from '../../../core/index.js';

/** Registers this file's tests; ../core-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function privacyPiiMasker(): void {
  describe('maskPersonalData', () => {
    test('masks a Luhn-valid card number but leaves an order number alone', () => {
      expect(maskPersonalData('Kortti 4111 1111 1111 1111, tilausnumero 1234567890123')).toEqual({
        text: 'Kortti [CARD], tilausnumero 1234567890123',
        found: ['card'],
      });
    });

    test('masks card numbers written compact, with dashes, or 15 digits long', () => {
      expect(maskPersonalData('5555555555554444 / 4111-1111-1111-1111 / 3782 822463 10005').text).toBe('[CARD] / [CARD] / [CARD]');
    });

    test('leaves a card-shaped number alone when its Luhn check fails', () => {
      expect(maskPersonalData('card 4111 1111 1111 1112')).toEqual({ text: 'card 4111 1111 1111 1112', found: [] });
    });

    test('leaves short numbers such as phone numbers and dates alone', () => {
      const text = 'Soita +358 40 123 4567 tai tule 2024-05-12';
      expect(maskPersonalData(text)).toEqual({ text, found: [] });
    });

    test('masks a Finnish IBAN in groups or compact, up to the punctuation after it', () => {
      expect(maskPersonalData('Tilini on FI21 1234 5600 0007 85, kiitos.')).toEqual({ text: 'Tilini on [IBAN], kiitos.', found: ['iban'] });
      expect(maskPersonalData('fi2112345600000785.').text).toBe('[IBAN].');
    });

    test('masks IBANs of other countries, including letters in the account part', () => {
      expect(maskPersonalData('GB82 WEST 1234 5698 7654 32 and SE45 5000 0000 0583 9825 7466').text).toBe('[IBAN] and [IBAN]');
    });

    test('leaves an IBAN alone when its mod-97 check fails', () => {
      expect(maskPersonalData('FI21 1234 5600 0007 86')).toEqual({ text: 'FI21 1234 5600 0007 86', found: [] });
    });

    test('does not read the digits of an IBAN as a card number', () => {
      expect(maskPersonalData('DE89370400440532013000')).toEqual({ text: '[IBAN]', found: ['iban'] });
    });

    test('masks a henkilötunnus with a valid check character, in any century', () => {
      expect(maskPersonalData('Hetuni on 131052-308T.')).toEqual({ text: 'Hetuni on [HETU].', found: ['hetu'] });
      expect(maskPersonalData('010120A0186 ja 010594Y123W').text).toBe('[HETU] ja [HETU]');
      expect(maskPersonalData('lowercase 131052-308t').text).toBe('lowercase [HETU]');
    });

    test('leaves a henkilötunnus alone when its check character is wrong', () => {
      expect(maskPersonalData('131052-308U')).toEqual({ text: '131052-308U', found: [] });
    });

    test('reports each kind once, in the order it first appears', () => {
      const { text, found } = maskPersonalData('131052-308T, FI21 1234 5600 0007 85, 4111111111111111, 5555555555554444');
      expect(text).toBe('[HETU], [IBAN], [CARD], [CARD]');
      expect(found).toEqual(['hetu', 'iban', 'card']);
    });

    test('returns a message without personal data unchanged', () => {
      expect(maskPersonalData('Missä tilaukseni 12345 on?')).toEqual({ text: 'Missä tilaukseni 12345 on?', found: [] });
    });
  });
}
