import { describe, expect, test } from '@jest/globals';
import { addressHint, emailAddressIn, maskEmailAddresses } from '../../../core/index.js';

/** Registers this file's tests; ../core-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function privacyEmailAddress(): void {
  describe('email addresses', () => {
    test.each([
      ['matti@example.fi', 'matti@example.fi'],
      ['  Matti.Meikalainen@EXAMPLE.fi. ', 'Matti.Meikalainen@example.fi'],
      ['liisa+chat@posti.example.com!', 'liisa+chat@posti.example.com'],
    ])('takes a message that is only an address (%j)', (text, address) => {
      expect(emailAddressIn(text)).toBe(address);
    });

    test.each(['matti', 'matti@example', 'osoite on matti@example.fi', 'matti@@example.fi', '@example.fi', 'a@b.c', `${'a'.repeat(250)}@example.fi`])(
      'takes nothing else as the address (%j)',
      (text) => {
        expect(emailAddressIn(text)).toBeUndefined();
      },
    );

    test('masks every address in a text and leaves the rest as written', () => {
      expect(maskEmailAddresses('Lähetänkö vastauksen osoitteeseen matti@example.fi? Tai liisa@posti.fi.')).toBe(
        'Lähetänkö vastauksen osoitteeseen [EMAIL]? Tai [EMAIL].',
      );
      expect(maskEmailAddresses('tilaus 123456, ei osoitetta')).toBe('tilaus 123456, ei osoitetta');
    });

    test('a hint tells two addresses apart without giving either', () => {
      expect(addressHint('matti@example.fi')).toBe('ma•••@example.fi');
      expect(addressHint('m@example.fi')).toBe('m•••@example.fi');
    });
  });
}
