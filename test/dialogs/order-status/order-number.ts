import { findOrderNumber, parseOrderNumber, parseVerification } from '../../../dialogs/index.js';

/** Registers this file's tests; test/dialogs/dialog-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function orderStatusOrderNumberTests(): void {
  describe('parseOrderNumber', () => {
    test.each([
      ['123456', '123456'],
      ['#123456', '123456'],
      ['123 456', '123456'],
      ['123-456', '123456'],
      ['Tilausnumero: 123456', '123456'],
      ['tilausnumero on 123456', '123456'],
      ['se on 123456 kiitos', '123456'],
      ['order no. 123456', '123456'],
      ['Order number: 123 456 789', '123456789'],
      ['it is #987654', '987654'],
    ])('reads %j as %s', (reply, number) => {
      expect(parseOrderNumber(reply)).toBe(number);
    });

    test.each([
      ['12345', 'a postal code is too short'],
      ['1234567890123', 'a card-length number is too long'],
      ['en muista', 'no digits'],
      ['131052-308T', 'a personal identity code'],
      ['abc123456', 'digits glued to letters'],
    ])('refuses %j (%s)', (reply) => {
      expect(parseOrderNumber(reply)).toBeUndefined();
    });
  });

  describe('findOrderNumber', () => {
    test('finds the number in a question', () => {
      expect(findOrderNumber('missä on tilaus 123456?')).toBe('123456');
      expect(findOrderNumber('my order #987654 is late')).toBe('987654');
    });

    test('does not take a postal code, a grouped phone number or an identity code', () => {
      expect(findOrderNumber('onko postinumerolla 33100 katko')).toBeUndefined();
      expect(findOrderNumber('soita 040 123 4567')).toBeUndefined();
      expect(findOrderNumber('hetu 131052-308T')).toBeUndefined();
    });
  });

  describe('parseVerification', () => {
    test('finds an email address, a postal code and a corrected order number', () => {
      expect(parseVerification('Aino.Virtanen@Example.com.')).toEqual({ email: 'Aino.Virtanen@Example.com' });
      expect(parseVerification('postinumero 33100')).toEqual({ postalCode: '33100' });
      expect(parseVerification('oikea numero on 246810, aino@example.com')).toEqual({ email: 'aino@example.com', orderNumber: '246810' });
    });

    test('is undefined when the reply has none', () => {
      expect(parseVerification('en muista')).toBeUndefined();
    });
  });
}
