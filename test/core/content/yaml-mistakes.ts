import { formatProblem, YamlFile } from '../../../core/content/index.js';

/** Registers this file's tests; ../core-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function contentYamlMistakes(): void {
  /** [what the editor did, the file, what the check says]: hand-editing mistakes in the words an editor sees. */
  const MISTAKES: [string, string, string[]][] = [
    [
      'indents a list item under the one above',
      'examples:\n  fi:\n    - hei\n      - moi\n',
      ['x.yaml:4: this line is indented more than the list above it, so it is read as part of the line before; list items must line up under each other'],
    ],
    [
      'indents a list item less than the one above',
      'examples:\n  fi:\n    - hei\n   - moi\n',
      ['x.yaml:4: this `-` list item is indented less than the list above it; list items must line up under each other'],
    ],
    ['indents with a tab', 'examples:\n  fi:\n\t- hei\n', ['x.yaml:3: a tab is used for indenting; use spaces']],
    ['pastes a non-breaking space', 'examples:\n\u00a0\u00a0- hei\n', ['x.yaml:2: a non-breaking space is used for indenting; use ordinary spaces']],
    ['writes a key twice', 'version: 1\nanswers: a\nanswers: b\n', ['x.yaml:3: the key `answers` appears twice (also on line 2); keep one']],
    ['leaves a double quote open', 'a: 1\nb: "hei\nc: 2\n', ['x.yaml:2: a quotation mark " is not closed; close it on the same line']],
    ['leaves a single quote open', "a: 1\nb: 'hei\nc: 2\n", ["x.yaml:2: a quotation mark ' is not closed; close it on the same line"]],
    [
      'mixes a list item and a key',
      'examples:\n  - hei\n  fi: moi\n',
      ['x.yaml:3: a `-` list item and a `key:` are mixed at the same level; a list holds only `- ` items, so indent the list under its key'],
    ],
    [
      'puts a key out of line',
      'examples:\n  fi:\n    - hei\n   en:\n    - hello\n',
      ['x.yaml:4: `en:` does not line up with the keys above it; keys at the same level must start in the same column'],
    ],
    [
      'writes a line that is neither key nor item',
      'version: 1\njust words\nname: x\n',
      ['x.yaml:2: "just words" is neither `key: value` nor a `- ` list item; add the missing `:` or `- `, or indent it like the line above'],
    ],
    [
      'indents a key under the one above',
      'version: 1\nname: x\n  description: y\n',
      ['x.yaml:3: this line is indented more than the key above it; keys at the same level must start in the same column'],
    ],
    ['forgets the space after - at the end of a list', 'a:\n- b\n-c\n', ['x.yaml:3: put a space after `-` to start a list item']],
    ['writes ": " inside a text', 'name: hours: 8-16\n', ['x.yaml:1: the text after the key contains `: `; put the whole text in quotation marks']],
    ['forgets the space after -', 'examples:\n  fi:\n    -hei\n    - moi\n', ['x.yaml:3: put a space after `-` to start a list item']],
    [
      'leaves a [ list open',
      'examples: [a, b\nname: x\n',
      ['x.yaml:1: the list opened with [ is not closed with ]; close it on the same line, or better, write one `- phrase` a line'],
    ],
    ['types two commas in a [ list', 'a: [x,,y]\n', ['x.yaml:1: there is an extra comma in [ ]; remove it, or better, write one `- phrase` a line']],
    [
      'writes text after a closing quote',
      'a: "hei" sinne\n',
      ['x.yaml:1: there is text after the closing quotation mark; put the whole text inside the quotation marks'],
    ],
    [
      'uses a backslash in double quotes',
      'a: "C:\\kansio"\n',
      ['x.yaml:1: `\\k` is not allowed inside "double quotes"; write \\\\ for a backslash, or use \'single quotes\''],
    ],
    ['starts a text with @', 'a: @kauppa\n', ['x.yaml:1: a text cannot start with @ ; put the whole text in quotation marks']],
    [
      'glues # to a quoted text',
      "a: 'hei'#1\n",
      ['x.yaml:1: `#` starts a comment only after a space; put a space before `#`, or put the whole text in quotation marks if `#` belongs to it'],
    ],
    ['starts a second document', 'a: 1\n---\nb: 2\n', ['x.yaml:2: a `---` line starts a second document; a content file holds one, so remove the line']],
    [
      'starts a text with *',
      'a: *tähti\n',
      ['x.yaml:1: `&` and `*` at the start of a text have a special meaning in YAML; put the whole text in quotation marks'],
    ],
    [
      'starts a text with !',
      'a: !tärkeä asia\n',
      ['x.yaml:1: `!`, `&` and `*` at the start of a text have a special meaning in YAML; put the whole text in quotation marks'],
    ],
    [
      'starts a text with a !word',
      'a: !huom lue tämä\n',
      ['x.yaml:1: warning: a word starting with `!` has a special meaning in YAML; put text that starts with `!` in quotation marks'],
    ],
    ['adds text after |', 'a: |kyllä\n  teksti\n', ['x.yaml:1: only `|` or `>` may follow the key on this line; start the text on the next line, indented']],
    ['starts a line with :', '- a\n: b\n', ['x.yaml:2: YAML cannot read ": b" (column 1); check its indentation, colons and quotation marks']],
  ];

  describe('YAML mistakes in plain words', () => {
    test.each(MISTAKES)('an editor who %s is told what to fix, on which line', (_mistake, text, expected) => {
      expect(YamlFile.parse('x.yaml', text).problems.map(formatProblem)).toEqual(expected);
    });

    test('a correct file has no problems, and text that merely starts with - or contains - stays text', () => {
      const text = 'a: -5 %\nb:\n  - moi - hei\n  - "- lainaus"\nc: kello 8-16\n';
      expect(YamlFile.parse('x.yaml', text).problems).toEqual([]);
    });
  });
}
