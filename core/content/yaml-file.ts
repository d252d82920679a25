import { LineCounter, parseDocument, isMap, isSeq, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { describeIssue } from './describe-issue.js';
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

  static parse(file: string, text: string): { yaml: YamlFile; problems: ContentProblem[] } {
    const lines = new LineCounter();
    const document = parseDocument(text, { schema: 'failsafe', lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const yaml = new YamlFile(file, document, lines);
    const problems: ContentProblem[] = [...document.errors, ...document.warnings].map((error) => ({
      file,
      line: error.linePos?.[0]?.line ?? lines.linePos(error.pos[0]).line,
      message: `${document.errors.includes(error as never) ? 'YAML syntax error' : 'YAML warning'}: ${firstLine(error.message)}`,
      severity: document.errors.includes(error as never) ? 'error' : 'warning',
    }));
    return { yaml, problems };
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

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
