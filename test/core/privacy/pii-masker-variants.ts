import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { IBAN_FORMATS } from '../../../core/privacy/iban.js';
import { maskPersonalData } from '../../../core/index.js';
import { REVIEW_H7_VARIANTS } from '../../fixtures/review-h7-variants.js';

/** Registers this file's tests; ../core-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function privacyPiiMaskerVariants(): void {
  // How people (and their keyboards) write the same number: every space and dash Unicode has,
  // zero-width characters pasted along, full-width digits from an IME, words glued on.
  // A card is written with one kind of separator (mixing kinds reads as a date range); within a kind, any variant.
  const SEPARATOR_KINDS = [
    [' ', '  ', '   ', '\u00A0', '\u202F', '\u2009', '\u3000', '\u00A0\u00A0', ' \u200B '],
    ['-', ' - ', '\u2010', '\u2011', '\u2013', '\u2014', ' \u2013 ', '--'],
    ['.'],
  ];
  const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'];
  const SURROUNDINGS = [
    ['', ''],
    ['kortti ', ' kiitos'],
    ['my number is ', '.'],
    ['(', ')'],
    ['tiedot: ', ', ok?'],
    ['\n', '\n'],
  ] as const;

  const digitsOnly = (text: string) => text.normalize('NFKC').replace(/\D/g, '');
  const fullWidth = (digit: string) => String.fromCharCode(0xff10 + Number(digit));

  function luhnCheckDigit(body: string): string {
    let sum = 0;
    for (let index = 0; index < body.length; index++) {
      let digit = Number(body[body.length - 1 - index]);
      if (index % 2 === 0) {
        digit *= 2;
        if (digit > 9) digit -= 9;
      }
      sum += digit;
    }
    return String((10 - (sum % 10)) % 10);
  }

  /** Writes each character, sometimes full-width (digits) or with a zero-width character after it. */
  const scramble = (text: string) =>
    fc
      .tuple(
        fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }),
        fc.array(fc.option(fc.constantFrom(...ZERO_WIDTH), { freq: 4 }), { minLength: text.length, maxLength: text.length }),
      )
      .map(([wide, invisible]) =>
        [...text].map((char, index) => (wide[index] && /\d/.test(char) ? fullWidth(char) : char) + (invisible[index] ?? '')).join(''),
      );

  const cardNumber = fc
    .oneof(
      fc.record({ prefix: fc.constantFrom('4', '51', '55', '2221', '6011', '35', '62', '9'), length: fc.integer({ min: 13, max: 19 }) }),
      fc.record({ prefix: fc.constantFrom('34', '37'), length: fc.constant(15) }),
    )
    .chain(({ prefix, length }) =>
      fc
        .array(fc.integer({ min: 0, max: 9 }), { minLength: length - prefix.length - 1, maxLength: length - prefix.length - 1 })
        .map((rest) => prefix + rest.join('')),
    )
    .map((body) => body + luhnCheckDigit(body));

  /** Printed groups: compact, fours, Amex 4-6-5; `any` adds arbitrary group sizes (only tried as the whole run). */
  function grouped(digits: string, style: 'compact' | 'fours' | 'amex' | 'any', sizes: number[]): string[] {
    if (style === 'compact') return [digits];
    if (style === 'amex' && digits.length === 15) return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)];
    const groups: string[] = [];
    let at = 0;
    for (let index = 0; at < digits.length; index++) {
      const size = style === 'any' ? sizes[index % sizes.length]! : 4;
      groups.push(digits.slice(at, at + size));
      at += size;
    }
    return groups;
  }

  const writtenCard = fc
    .record({
      digits: cardNumber,
      style: fc.constantFrom('compact', 'fours', 'amex', 'any'),
      sizes: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }),
      separators: fc.constantFrom(...SEPARATOR_KINDS).chain((kind) => fc.array(fc.constantFrom(...kind), { minLength: 8, maxLength: 8 })),
      suffix: fc.constantFrom('', ' 12/27', ' 123', ' 1227', ' 12/27 123', ' exp 12/27 cvv 123', '.'),
      glue: fc.constantFrom('', 'kortti', 'card:', 'nro', 'Visa'),
      around: fc.constantFrom(...SURROUNDINGS),
    })
    .filter(({ style, suffix }) => !(style === 'any' && /^ \d/.test(suffix)))
    .chain((card) => {
      const groups = grouped(card.digits, card.style as 'compact', card.sizes);
      const written = groups.map((group, index) => (index === 0 ? group : card.separators[index % 8]! + group)).join('');
      return scramble(written).map((scrambled) => ({ ...card, text: `${card.around[0]}${card.glue}${scrambled}${card.suffix}${card.around[1]}` }));
    });

  function ibanOf(country: string, bban: string): string {
    const rearranged = `${bban}${country}00`.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
    let remainder = 0;
    for (const digit of rearranged) remainder = (remainder * 10 + Number(digit)) % 97;
    return `${country}${String(98 - remainder).padStart(2, '0')}${bban}`;
  }

  const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  /** An account part in the country's registered format: letters where it has letters (the bank code of NL and GB), digits elsewhere. */
  const bbanOf = (country: string) =>
    fc.tuple(
      ...[...IBAN_FORMATS[country]!.matchAll(/([nac])(\d+)/g)].flatMap(([, kind, count]) =>
        Array.from({ length: Number(count) }, () => (kind === 'a' ? fc.constantFrom(...LETTERS) : fc.integer({ min: 0, max: 9 }).map(String))),
      ),
    );

  const iban = fc
    .constantFrom('FI', 'DE', 'SE', 'NO', 'EE', 'FR', 'NL', 'GB', 'ES', 'DK')
    .chain((country) => bbanOf(country).map((bban) => ibanOf(country, bban.join(''))));

  const writtenIban = fc
    .record({
      iban,
      groupSize: fc.constantFrom(0, 4, 4, 3, 5, 6),
      separators: fc.array(fc.constantFrom(' ', '  ', '-', '.', '\u00A0', '\u202F', '\u2013', '\u00A0 '), { minLength: 10, maxLength: 10 }),
      lower: fc.boolean(),
      glue: fc.constantFrom('', 'IBAN:', 'IBAN ', 'tili ', 'tilille'),
      suffix: fc.constantFrom('', '.', ',', ' kiitos', ')'),
      around: fc.constantFrom(...SURROUNDINGS),
    })
    .chain((written) => {
      const groups = written.groupSize === 0 ? [written.iban] : written.iban.match(new RegExp(`.{1,${written.groupSize}}`, 'g'))!;
      const text = groups.map((group, index) => (index === 0 ? group : written.separators[index % 10]! + group)).join('');
      return scramble(written.lower ? text.toLowerCase() : text).map((scrambled) => ({
        ...written,
        text: `${written.around[0]}${written.glue}${scrambled}${written.suffix}${written.around[1]}`,
      }));
    });

  const HETU_CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';
  const hetu = fc
    .record({
      day: fc.integer({ min: 1, max: 28 }),
      month: fc.integer({ min: 1, max: 12 }),
      year: fc.integer({ min: 0, max: 99 }),
      century: fc.constantFrom('+', '-', 'U', 'V', 'W', 'X', 'Y', 'A', 'B', 'C', 'D', 'E', 'F'),
      individual: fc.integer({ min: 2, max: 899 }),
    })
    .map(({ day, month, year, century, individual }) => {
      const date = [day, month, year].map((part) => String(part).padStart(2, '0')).join('');
      const number = String(individual).padStart(3, '0');
      return { date, century, number, check: HETU_CHECK[Number(date + number) % 31]! };
    });

  const writtenHetu = fc
    .record({
      hetu,
      // A hyphen century sign comes as whatever dash or space the keyboard made of it.
      dash: fc.constantFrom('-', '\u2013', '\u2010', '\u2011', '\u2212', ' ', '\u00A0', '\u202F'),
      lower: fc.boolean(),
      glue: fc.constantFrom('', 'tunnus', 'hetu:', 'hetu ', 'HETU'),
      suffix: fc.constantFrom('', '.', ',', ' kiitos', ')'),
      around: fc.constantFrom(...SURROUNDINGS),
    })
    .chain((written) => {
      const { date, century, number, check } = written.hetu;
      const code = `${date}${century === '-' ? written.dash : century}${number}${check}`;
      return scramble(written.lower ? code.toLowerCase() : code).map((scrambled) => ({
        ...written,
        text: `${written.around[0]}${written.glue}${scrambled}${written.suffix}${written.around[1]}`,
      }));
    });

  describe('maskPersonalData against generated ways of writing personal data', () => {
    test('a Luhn-valid card of 13 to 19 digits never survives, whatever its separators, spaces, invisible characters, digits, glue or expiry and CVV after it', () => {
      fc.assert(
        fc.property(writtenCard, ({ digits, text }) => {
          const masked = maskPersonalData(text);
          expect(digitsOnly(masked.text)).not.toContain(digits);
          expect(masked.found.length).toBeGreaterThan(0);
        }),
        { numRuns: 400 },
      );
    });

    test('an IBAN with a valid checksum never survives, in any grouping, case or spacing', () => {
      fc.assert(
        fc.property(writtenIban, ({ iban: code, text }) => {
          const masked = maskPersonalData(text);
          expect(digitsOnly(masked.text)).not.toContain(digitsOnly(code.slice(4)));
          expect(masked.found).toContain('iban');
        }),
        { numRuns: 300 },
      );
    });

    test('a henkilötunnus with a valid check character never survives, with any century sign, dash or space, glued to a word or not', () => {
      fc.assert(
        fc.property(writtenHetu, ({ hetu: code, text }) => {
          const masked = maskPersonalData(text);
          expect(digitsOnly(masked.text)).not.toContain(code.date + code.number);
          expect(masked.found).toEqual(['hetu']);
        }),
        { numRuns: 300 },
      );
    });

    test('the text around the personal data stays exactly as written', () => {
      fc.assert(
        fc.property(writtenHetu, fc.constantFrom('Hei\u00A0–\u200Bapua', 'ｔｅｓｔｉ', 'moi  moi'), ({ text }, prose) => {
          expect(maskPersonalData(`${prose} ${text} ${prose}`).text).toMatch(new RegExp(`^${prose} .*\\[HETU\\].* ${prose}$`, 's'));
        }),
      );
    });
  });

  describe('maskPersonalData leaves ordinary numbers readable', () => {
    const ordinary = fc.oneof(
      fc.integer({ min: 100000, max: 999999 }).map((order) => `tilaus ${order}`),
      fc.integer({ min: 0, max: 99999 }).map((code) => `postinumero ${String(code).padStart(5, '0')}`),
      fc
        .date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
        .map((date) => `${date.getUTCDate()}.${date.getUTCMonth() + 1}.${date.getUTCFullYear()}`),
      fc.date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
      fc.integer({ min: 1000000, max: 9999999 }).map((number) => `puh. 040 ${String(number).slice(0, 3)} ${String(number).slice(3)}`),
      fc.integer({ min: 1000000, max: 9999999 }).map((number) => `+358 40 ${number}`),
      fc.integer({ min: 1, max: 99999 }).map((cents) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}\u00A0€`),
      fc.integer({ min: 1000, max: 999999 }).map((euros) => `${euros.toLocaleString('fi-FI')} €`),
      fc.integer({ min: 0, max: 23 }).map((hour) => `klo ${hour}.30–${hour}.45`),
    );

    test('order numbers, postal codes, dates, phone numbers, prices and times are never masked', () => {
      fc.assert(
        fc.property(fc.array(ordinary, { minLength: 1, maxLength: 5 }), fc.constantFrom(', ', ' ja ', '. ', '\n'), (parts, joiner) => {
          const text = parts.join(joiner);
          expect(maskPersonalData(text)).toEqual({ text, found: [] });
        }),
        { numRuns: 500 },
      );
    });

    test('postal codes and times joined by "ja" stay readable, though "ro" in "postinumero" starts 24 characters that pass the Romanian IBAN checksum', () => {
      // A fast-check counterexample (seed 1773168061): the IBAN finder read "ro 55990 ja klo 18.30–18.45 ja po" as RO55 990J AKLO….
      const text = 'postinumero 55990 ja klo 18.30–18.45 ja postinumero 00000 ja klo 0.30–0.45';
      expect(maskPersonalData(text)).toEqual({ text, found: [] });
    });
  });

  describe("maskPersonalData on the security review's 31 variants", () => {
    test.each(REVIEW_H7_VARIANTS.map((variant) => [variant.name, variant] as const))('masks the %s', (_name, variant) => {
      const masked = maskPersonalData(variant.message);
      expect(digitsOnly(masked.text)).not.toContain(variant.digits);
      expect(masked.found).toEqual([variant.kind]);
    });
  });
}
