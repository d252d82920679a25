import type { ErrorCode, YAMLError } from 'yaml';

/** Where the parser stopped, 1-based, and the file's lines to quote back to the editor. */
export interface YamlErrorSite {
  line: number;
  col: number;
  lines: readonly string[];
}

/**
 * Turns a `yaml` package error into a sentence an editor understands, naming what to do:
 * BAD_INDENT -> "`en:` does not line up with the keys above it; ...". Codes with several causes
 * (MISSING_CHAR, UNEXPECTED_TOKEN, BAD_INDENT) are told apart by the parser's message.
 * Returns the line to report, which differs from the parser's for an unclosed quotation mark
 * (the parser stops at the end of the file, the editor needs the line where the quote opens).
 */
export function describeYamlError(error: YAMLError, site: YamlErrorSite): { line: number; message: string } {
  const text = site.lines[site.line - 1] ?? '';
  const at = (message: string, line = site.line) => ({ line, message });
  const code: ErrorCode = error.code;
  // Pasted from a word processor, a non-breaking space looks like a space but is text to YAML.
  if (/^\s*\u00a0/.test(text)) return at('a non-breaking space is used for indenting; use ordinary spaces');
  switch (code) {
    case 'TAB_AS_INDENT':
      return at('a tab is used for indenting; use spaces');
    case 'DUPLICATE_KEY': {
      const key = keyAt(text, site.col);
      const first = site.lines.findIndex((other, index) => index < site.line - 1 && keyAt(other, site.col) === key && indentOf(other) === indentOf(text));
      return at(`the key \`${key}\` appears twice${first >= 0 ? ` (also on line ${first + 1})` : ''}; keep one`);
    }
    case 'BAD_INDENT':
      if (error.message.startsWith('All sequence items'))
        return at('this list item does not line up with the items above it; list items must line up under each other');
      if (error.message.startsWith('Flow')) {
        const [open, close] = error.message.startsWith('Flow map') ? ['{', '}'] : ['[', ']'];
        return at(
          `the list opened with ${open} is not closed with ${close}; close it on the same line, or better, write one \`- phrase\` a line`,
          unclosedLine(site, open, close),
        );
      }
      if (error.message.startsWith('All mapping items')) return describeMisalignedKey(site, text);
      return at('this line is not indented like the lines around it; indent with spaces so that items at the same level line up');
    case 'BLOCK_AS_IMPLICIT_KEY':
      if (error.message.startsWith('Nested mappings')) {
        return / \S+: /.test(text.replace(/^\s*(- )?[^:]*:\s/, ' '))
          ? at('the text after the key contains `: `; put the whole text in quotation marks')
          : at('this line is indented more than the key above it; keys at the same level must start in the same column', site.line + 1);
      }
      return at('this `-` list item is indented less than the list above it; list items must line up under each other');
    case 'MULTILINE_IMPLICIT_KEY':
      return at(`${quote(text)} is neither \`key: value\` nor a \`- \` list item; add the missing \`:\` or \`- \`, or indent it like the line above`);
    case 'MISSING_CHAR':
      return describeMissingCharacter(error.message, site, text);
    case 'UNEXPECTED_TOKEN':
      if (error.message.startsWith('Unexpected ,')) return at('there is an extra comma in [ ]; remove it, or better, write one `- phrase` a line');
      if (error.message.includes('at node end')) return at('there is text after the closing quotation mark; put the whole text inside the quotation marks');
      if (error.message.startsWith('Block scalar header'))
        return at('only `|` or `>` may follow the key on this line; start the text on the next line, indented');
      return fallback(site, text);
    case 'BAD_DQ_ESCAPE':
      return at(
        `${error.message.replace(/^Invalid escape sequence /, '`')}\` is not allowed inside "double quotes"; write \\\\ for a backslash, or use 'single quotes'`,
      );
    case 'BAD_SCALAR_START': {
      const character = error.message.slice(-1);
      return at(`a text cannot start with ${character} ; put the whole text in quotation marks`);
    }
    case 'MULTIPLE_DOCS':
      return at('a `---` line starts a second document; a content file holds one, so remove the line');
    case 'BLOCK_IN_FLOW':
      return at('a `- ` list or `key:` cannot go inside [ ] or { }; write the list as one `- phrase` a line');
    case 'KEY_OVER_1024_CHARS':
      return at('the text before `:` is longer than 1024 characters; a long text must be a value (`- text` or `key: text`), or put it in quotation marks');
    case 'TAG_RESOLVE_FAILED':
    case 'BAD_COLLECTION_TYPE':
    case 'MULTIPLE_TAGS':
      return at('a word starting with `!` has a special meaning in YAML; put text that starts with `!` in quotation marks');
    case 'BAD_ALIAS':
    case 'ALIAS_PROPS':
    case 'MULTIPLE_ANCHORS':
    case 'BAD_PROP_ORDER':
      return at('`&` and `*` at the start of a text have a special meaning in YAML; put the whole text in quotation marks');
    case 'BAD_DIRECTIVE':
      return at('a line starting with `%` has a special meaning in YAML; put the text in quotation marks');
    case 'NON_STRING_KEY':
      return at('a key must be a plain word such as `answers:`; a list or a block cannot be a key');
    case 'IMPOSSIBLE':
    case 'RESOURCE_EXHAUSTION':
      return fallback(site, text);
    default:
      return code satisfies never;
  }
}

function describeMissingCharacter(parserMessage: string, site: YamlErrorSite, text: string): { line: number; message: string } {
  if (parserMessage.startsWith('Missing closing')) {
    const mark = parserMessage.includes('"') ? '"' : "'";
    const line = openingQuoteLine(site.lines, site.line, mark);
    return { line, message: `a quotation mark ${mark} is not closed; close it on the same line` };
  }
  if (parserMessage.startsWith('Missing , or :') || parserMessage.startsWith('Missing , between')) {
    return { line: site.line, message: 'a comma is missing between the items in [ ] or { }; add it, or better, write one `- phrase` a line' };
  }
  if (parserMessage.startsWith('Missing space after :')) return { line: site.line, message: 'put a space after `:`' };
  if (parserMessage.startsWith('Comments must be separated')) {
    return {
      line: site.line,
      message: '`#` starts a comment only after a space; put a space before `#`, or put the whole text in quotation marks if `#` belongs to it',
    };
  }
  if (parserMessage.startsWith('Implicit map keys need to be followed')) {
    return { line: site.line, message: `${quote(text)} has no \`:\`; write \`key: value\`, or start a list item with \`- \`` };
  }
  if (parserMessage.startsWith('Sequence item without')) return { line: site.line, message: 'this list item has no `-`; start it with `- `' };
  if (parserMessage.startsWith('Tags and anchors')) {
    return { line: site.line, message: '`!`, `&` and `*` at the start of a text have a special meaning in YAML; put the whole text in quotation marks' };
  }
  return fallback(site, text);
}

/** "All mapping items must start at the same column": a key out of line, or a key among `-` items. */
function describeMisalignedKey(site: YamlErrorSite, text: string): { line: number; message: string } {
  const indent = indentOf(text);
  const above = site.lines
    .slice(0, site.line - 1)
    .reverse()
    .find((line) => isContent(line) && indentOf(line) <= indent);
  const isKey = /^\s*[^-\s][^:#]*:( |$)/.test(text);
  if (above !== undefined && indentOf(above) === indent && /^\s*- /.test(above) && isKey) {
    return {
      line: site.line,
      message: 'a `-` list item and a `key:` are mixed at the same level; a list holds only `- ` items, so indent the list under its key',
    };
  }
  if (!isKey) {
    return {
      line: site.line,
      message: `${quote(text)} does not line up with the lines above it; start it with \`- \` or \`key:\` and indent it like its neighbours`,
    };
  }
  const key = keyAt(text, indent + 1);
  return { line: site.line, message: `\`${key}:\` does not line up with the keys above it; keys at the same level must start in the same column` };
}

/** The parser reports an unclosed quotation mark where the file ends; the editor needs the line where it opens. */
function openingQuoteLine(lines: readonly string[], reportedLine: number, mark: string): number {
  for (let index = Math.min(reportedLine, lines.length) - 1; index >= 0; index--) {
    const count = (lines[index] ?? '').replace(/\\"/g, '').split(mark).length - 1;
    if (count % 2 === 1) return index + 1;
  }
  return reportedLine;
}

/** The parser notices an unclosed [ or { on the next line; the editor needs the line that opened it. */
function unclosedLine(site: YamlErrorSite, open: string, close: string): number {
  for (let index = Math.min(site.line, site.lines.length) - 1; index >= 0; index--) {
    const line = site.lines[index] ?? '';
    if (line.split(open).length > line.split(close).length) return index + 1;
  }
  return site.line;
}

function fallback(site: YamlErrorSite, text: string): { line: number; message: string } {
  return { line: site.line, message: `YAML cannot read ${quote(text)} (column ${site.col}); check its indentation, colons and quotation marks` };
}

function keyAt(line: string, col: number): string {
  return /^\s*(?:- )?["']?([^:"']*)/.exec(line.slice(Math.max(0, col - 1)))?.[1]?.trim() ?? '';
}

function indentOf(line: string): number {
  return /^ */.exec(line)?.[0].length ?? 0;
}

function isContent(line: string): boolean {
  return line.trim() !== '' && !line.trim().startsWith('#');
}

function quote(text: string): string {
  const trimmed = text.trim();
  return `"${trimmed.length > 60 ? `${trimmed.slice(0, 57)}...` : trimmed}"`;
}
