/** A problem found in a content file, located so an editor can jump to it. */
export interface ContentProblem {
  /** Path relative to the content root, e.g. "intents/billing.yaml". */
  file: string;
  /** 1-based line number. */
  line: number;
  message: string;
  severity: 'error' | 'warning';
}

export function formatProblem(problem: ContentProblem): string {
  const prefix = problem.severity === 'warning' ? 'warning: ' : '';
  return `${problem.file}:${problem.line}: ${prefix}${problem.message}`;
}

/** By file, then line, so an editor can work through the list top to bottom; equal places keep their order. */
export function sortProblems(problems: readonly ContentProblem[]): ContentProblem[] {
  return [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

export function hasErrors(problems: readonly ContentProblem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

/** Thrown when content cannot be used; carries every problem so the caller can print them all. */
export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(`content has ${problems.filter((p) => p.severity === 'error').length} error(s):\n` + problems.map(formatProblem).join('\n'));
    this.name = 'ContentError';
  }
}
