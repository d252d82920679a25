import { LineCounter, parseDocument, isMap, isSeq, visit, type Document, type Node, type YAMLError } from 'yaml';
import type { z } from 'zod';
import { describeIssue } from './describe-issue.js';
import { describeYamlError } from './describe-yaml-error.js';
import type { ContentProblem } from './problem.js';

/**
 * A parsed YAML content file that can tell the line of any path in it.
 * Parsed with the failsafe schema so `no`, `on` or `404` stay text; the zod schemas convert
 * the few non-text fields (version, sensitive) themselves.
 */
export class YamlFile {
  private constructor(
    readonly file: string,
    private readonly document: Document,
    private readonly lines: LineCounter,
  ) {}

  /**
   * Parses one file and reports every YAML mistake in it, in plain words (see `describeYamlError`),
   * one problem per line: the parser often follows one mistake with two more on the same or the
   * next line ("implicit key", "missing value"), which would only bury the cause.
   */
  static parse(file: string, text: string): { yaml: YamlFile; problems: ContentProblem[] } {
    const lines = new LineCounter();
    const document = parseDocument(text, { schema: 'failsafe', lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const yaml = new YamlFile(file, document, lines);
    const sourceLines = text.split(/\r?\n/);
    const found = [
      ...document.errors.map((error) => ({ error, severity: 'error' as const })),
      ...document.warnings.map((error) => ({ error, severity: 'warning' as const })),
    ].map(({ error, severity }) => {
      const { line, col } = lines.linePos(error.pos[0]);
      return { followOn: isFollowOn(error), parserLine: line, severity, file, ...describeYamlError(error, { line, col, lines: sourceLines }) };
    });
    const causes = found.filter((problem) => !problem.followOn);
    const kept = found.filter((problem) => !problem.followOn || !causes.some((cause) => Math.abs(cause.line - problem.line) <= 1));
    const afterCause = (line: number) => causes.some((cause) => cause.line === line || cause.line === line - 1);
    // Just after a parser error the tree is a guess (a tab makes the next item look folded), so only the error is told.
    const problems: ContentProblem[] = [...yaml.foldedListItems(sourceLines).filter((problem) => !afterCause(problem.line)), ...yaml.unresolvedAliases()];
    const toldParserLines = new Set<number>();
    for (const { file: where, line, parserLine, message, severity } of kept) {
      if (toldParserLines.has(parserLine) || problems.some((problem) => problem.line === line)) continue;
      toldParserLines.add(parserLine);
      problems.push({ file: where, line, message, severity });
    }
    return { yaml, problems: problems.sort((a, b) => a.line - b.line) };
  }

  /**
   * A `- item` indented deeper than the list above it is no YAML error: it silently becomes the end of
   * the previous phrase ("kiitos - kiitti"), so the classifier learns a phrase nobody wrote.
   */
  private foldedListItems(sourceLines: readonly string[]): ContentProblem[] {
    const problems: ContentProblem[] = [];
    visit(this.document, {
      Scalar: (_key, node) => {
        if (node.type !== 'PLAIN' || !node.range) return;
        const first = this.lines.linePos(node.range[0]).line;
        const last = this.lines.linePos(node.range[1]).line;
        // "-phrase" alone on its line was meant as a list item; "price: -5 %" is text and stays so.
        if (/^\s*-[^\s-]/.test(sourceLines[first - 1] ?? '')) {
          problems.push({ file: this.file, line: first, severity: 'error', message: 'put a space after `-` to start a list item' });
          return;
        }
        for (let line = first + 1; line <= last; line++) {
          if (/^\s*-( |$)/.test(sourceLines[line - 1] ?? '')) {
            problems.push({
              file: this.file,
              line,
              severity: 'error',
              message: 'this line is indented more than the list above it, so it is read as part of the line before; list items must line up under each other',
            });
          }
        }
      },
    });
    return problems;
  }

  /** `*word` refers to an anchor; without one, reading the file would throw instead of reporting. */
  private unresolvedAliases(): ContentProblem[] {
    const problems: ContentProblem[] = [];
    visit(this.document, {
      Alias: (_key, node) => {
        if (!node.resolve(this.document)) {
          problems.push({
            file: this.file,
            line: this.lines.linePos(node.range?.[0] ?? 0).line,
            severity: 'error',
            message: '`&` and `*` at the start of a text have a special meaning in YAML; put the whole text in quotation marks',
          });
        }
      },
    });
    return problems;
  }

  get data(): unknown {
    return this.document.toJS();
  }

  /**
   * Checks the file's data against a schema; every failing field becomes a problem on its own line,
   * sorted by line, an unknown key on the line of that key rather than of the object holding it.
   */
  validate<T extends z.ZodType>(schema: T): { data: z.output<T>; problems: [] } | { data?: undefined; problems: ContentProblem[] } {
    const result = schema.safeParse(this.data ?? {}, { reportInput: true });
    if (result.success) return { data: result.data, problems: [] };
    const problems = result.error.issues.map((issue) => {
      const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
      return { file: this.file, line: this.lineOf(path), severity: 'error' as const, message: describeIssue(issue) };
    });
    return { problems: problems.sort((a, b) => a.line - b.line) };
  }

  /** Line of the deepest node that exists along `path` (a missing key points at its parent). */
  lineOf(path: readonly PropertyKey[]): number {
    let node: unknown = this.document.contents;
    let offset = rangeStart(node) ?? 0;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => String((item.key as { value?: unknown } | null)?.value) === String(key));
        if (!pair) break;
        offset = rangeStart(pair.key) ?? offset;
        node = pair.value;
        if (isSeq(node) || isMap(node)) continue;
        offset = rangeStart(node) ?? offset;
      } else if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key];
        if (item === undefined) break;
        node = item;
        offset = rangeStart(node) ?? offset;
      } else {
        break;
      }
    }
    return this.lines.linePos(offset).line;
  }

  /** Lines of the items of a list at `path`, in order (for reporting duplicates). */
  itemLines(path: readonly PropertyKey[]): number[] {
    const node = this.document.getIn(path as unknown[], true);
    if (!isSeq(node)) return [];
    return node.items.map((item) => this.lines.linePos(rangeStart(item) ?? 0).line);
  }
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

/**
 * Errors the parser adds next to another mistake (a tab or a misaligned key also leaves a line that
 * "needs a value"); they are dropped when a cause is reported on the same or a neighbouring line.
 */
function isFollowOn(error: YAMLError): boolean {
  return (
    error.code === 'MULTILINE_IMPLICIT_KEY' ||
    error.code === 'BLOCK_AS_IMPLICIT_KEY' ||
    (error.code === 'MISSING_CHAR' && error.message.startsWith('Implicit map keys need to be followed'))
  );
}
