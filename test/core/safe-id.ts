import { idProblem, MAX_ID_LENGTH } from '../../core/index.js';

/** Registers this file's tests; ./core-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function safeId(): void {
  describe('ids from outside', () => {
    test.each(['.', '..', 'a/b', '..\\x', 'a\u0000b', 'line\nbreak', 'tab\there', '\u2028', ' padded', 'x'.repeat(MAX_ID_LENGTH + 1), ''])(
      'refuses %j, which could become a path or break a log line',
      (id) => expect(idProblem(id)).toBeDefined(),
    );

    test.each([
      'emulator',
      'vastaa-directline',
      'a1b2c3|livechat',
      '29:1abc-def_ghi.jkl',
      'käyttäjä@example.fi',
      '...dots-inside...',
      'x'.repeat(MAX_ID_LENGTH),
    ])('accepts %j', (id) => expect(idProblem(id)).toBeUndefined());
  });
}
