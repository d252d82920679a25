import { isDeepStrictEqual } from 'node:util';
import { isScalar, isSeq, parse, parseDocument, stringify } from 'yaml';
import type { Language } from '../../core/index.js';

export type ExampleLine = { text: string; line: number } | { problem: string };

/**
 * The intent file's text with `phrase` appended to `examples.<language>`, as one new line under the
 * list's last item with the same indentation: comments, blank lines, quoting and every other line stay
 * byte for byte, so the change is a one-line diff an editor can review. The yaml Document API finds the
 * list and its last item; the result is parsed again and must equal the old data plus the phrase.
 * A flow list (`[a, b]`) is rewritten by the Document API instead (still checked the same way).
 */
export function withExample(text: string, language: Language, phrase: string): ExampleLine {
  const doc = parseDocument(text, { schema: 'failsafe' });
  if (doc.errors.length > 0) return { problem: `the file has YAML errors: ${doc.errors[0]!.message}` };
  const list = doc.getIn(['examples', language], true);
  if (!isSeq(list)) return { problem: `examples.${language} is not a list` };
  const expected = parse(text, { schema: 'failsafe' }) as { examples: Record<string, string[]> };
  expected.examples[language] = [...expected.examples[language]!, phrase];
  const last = list.items.at(-1);
  let changed: { text: string; line: number } | undefined;
  if (!list.flow && isScalar(last) && last.range) {
    const lineStart = text.lastIndexOf('\n', last.range[0] - 1) + 1;
    const prefix = text.slice(lineStart, last.range[0]);
    const newline = text.indexOf('\n', last.range[1]);
    const at = newline < 0 ? text.length : newline;
    if (/^[ ]*-[ ]+$/.test(prefix)) {
      const added = `${prefix}${scalarText(phrase)}`;
      changed = { text: `${text.slice(0, at)}\n${added}${newline < 0 ? '\n' : ''}${text.slice(at)}`, line: lineNumberAt(text, at) + 1 };
    }
  }
  if (!changed) {
    list.add(doc.createNode(phrase));
    const rewritten = doc.toString({ lineWidth: 0 });
    changed = { text: rewritten, line: lineNumberAt(rewritten, list.range?.[0] ?? 0) };
  }
  if (!isDeepStrictEqual(parse(changed.text, { schema: 'failsafe' }), expected)) {
    return { problem: `appending to examples.${language} would change more than the list; add the phrase by hand` };
  }
  return changed;
}

/** The phrase as YAML writes one plain or quoted scalar on one line ("no" and "404" stay text under the failsafe schema). */
function scalarText(phrase: string): string {
  return stringify(phrase, { lineWidth: 0 }).trimEnd();
}

/** The 1-based line of a character offset. */
function lineNumberAt(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index++) if (text[index] === '\n') line += 1;
  return line;
}
