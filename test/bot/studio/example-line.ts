import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { withExample } from '../../../bot/studio/example-line.js';

/** Registers this file's tests; ../app-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function studioExampleLine(): void {
  const INTENT = `version: 1
name: help
# What the bot can do.
examples:
  fi:
    - mitä osaat   # the classic
    - "miten tämä toimii?"

  en:
    - what can you do
answers:
  fi:
    - Osaan auttaa.
  en:
    - I can help.
`;

  describe('appending an example to an intent file', () => {
    test("adds one line under the language's list, with its indentation, keeping comments and blank lines", () => {
      const result = withExample(INTENT, 'fi', 'mihin pystyt');
      expect(result).toEqual({ text: INTENT.replace('    - "miten tämä toimii?"\n', '    - "miten tämä toimii?"\n    - mihin pystyt\n'), line: 8 });
    });

    test('quotes what YAML would read otherwise, and the failsafe schema keeps "no" as text', () => {
      const colon = withExample(INTENT, 'en', 'help: what now');
      if ('problem' in colon) throw new Error(colon.problem);
      expect(colon.text.split('\n')[colon.line - 1]).toBe(`    - "help: what now"`);
      const no = withExample(INTENT, 'en', 'no');
      if ('problem' in no) throw new Error(no.problem);
      expect((parse(no.text, { schema: 'failsafe' }) as { examples: { en: string[] } }).examples.en).toEqual(['what can you do', 'no']);
    });

    test('a flow list is extended by the YAML document; a missing list is a problem, not a change', () => {
      const flow = withExample('version: 1\nexamples:\n  fi: [moi, hei]\n  en:\n    - hi\n', 'fi', 'terve');
      expect(flow).toEqual({ text: 'version: 1\nexamples:\n  fi: [ moi, hei, terve ]\n  en:\n    - hi\n', line: 3 });
      expect(withExample('version: 1\nexamples:\n  en:\n    - hi\n', 'fi', 'moi')).toEqual({ problem: 'examples.fi is not a list' });
    });
  });
}
