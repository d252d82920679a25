import { readFile, stat } from 'node:fs/promises';
import type { ContentProblem } from '../../core/content/index.js';

export interface ReloadingFileOptions<T> {
  file: string;
  /** The value while the file is missing. */
  missing: () => T;
  /** Turns the file's text into a value, or problems (file:line) when it is invalid. */
  parse: (text: string) => { value?: T; problems: ContentProblem[] };
  /** Called once per new version of the file that is refused; the last good value stays. */
  refused: (problems: ContentProblem[]) => void;
  /** Called once when the file goes (or starts) missing. */
  onMissing?: () => void;
  /** How the text is read; defaults to reading the file (a failed read then throws). */
  read?: (file: string) => Promise<string>;
}

/**
 * A file editors or a CLI change while the server runs: read again on use whenever it changed
 * (by modification time and size), with an invalid version refused and the last good one kept.
 */
export class ReloadingFile<T> {
  private value: T;
  private loadedVersion = '';

  constructor(private readonly options: ReloadingFileOptions<T>) {
    this.value = options.missing();
  }

  /** The current value, after re-reading the file if it changed. */
  async current(): Promise<T> {
    await this.refresh();
    return this.value;
  }

  /** Re-reads the file if it changed; returns the problems of a version it refused. */
  async refresh(): Promise<ContentProblem[]> {
    // Size with the time: two writes within the clock's resolution still count as a change.
    const info = await stat(this.options.file).catch(() => undefined);
    const version = info ? `${info.mtimeMs}:${info.size}` : 'missing';
    if (version === this.loadedVersion) return [];
    this.loadedVersion = version;
    if (!info || info.mtimeMs === 0) {
      this.options.onMissing?.();
      this.value = this.options.missing();
      return [];
    }
    const { value, problems } = this.options.parse(await (this.options.read ?? ((file) => readFile(file, 'utf8')))(this.options.file));
    if (value === undefined || problems.length > 0) {
      this.options.refused(problems);
      return problems;
    }
    this.value = value;
    return [];
  }
}
