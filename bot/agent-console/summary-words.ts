import path from 'node:path';
import { z } from 'zod';
import { LANGUAGES, type Language, type Logger } from '../../core/index.js';
import { ContentError, formatProblem, YamlFile, type ContentProblem } from '../../core/content/index.js';
import { ReloadingFile } from './reloading-file.js';

type Wording = Record<Language, string>;

/** The words for the summary's codes, from messages/case-summary.yaml (editors own the wording). */
export interface SummaryWordList {
  /** Reason and signal codes ("sensitive_topic:intent:billing"); a key ending in "{name}" covers every code that starts like it. */
  codes: Record<string, Wording>;
  /** Labels of the details the dialogs collect ("orderNumber"). */
  details: Record<string, Wording>;
}

const wording = z
  .object(
    Object.fromEntries(
      LANGUAGES.map((language) => [
        language,
        z.string().trim().min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters (one line)' }),
      ]),
    ) as Record<Language, z.ZodString>,
  )
  .strict();

export const summaryWordsSchema = z
  .object({
    version: z.coerce.number({ error: 'must be 1' }).pipe(z.literal(1, { error: 'must be 1' })),
    codes: z.record(z.string(), wording),
    details: z.record(z.string(), wording),
  })
  .strict();

/** Parses the summary words file; every problem as `file:line: problem`. */
export function parseSummaryWords(file: string, text: string): { words?: SummaryWordList; problems: ContentProblem[] } {
  const { yaml, problems } = YamlFile.parse(file, text);
  if (problems.some((problem) => problem.severity === 'error')) return { problems };
  const checked = yaml.validate(summaryWordsSchema);
  if (!checked.data) return { problems: checked.problems };
  return { words: { codes: checked.data.codes, details: checked.data.details }, problems: [] };
}

/**
 * The words of one code in a language, or undefined when the file has none. An exact key wins; else
 * a key ending in "{name}" whose start matches, the rest of the code filling {name}. `values` fill
 * other placeholders ({topic}).
 *
 * @example
 * codeInWords(words, 'upset:lexicon:taas', 'fi') // 'tuohtunut ilmaus: "taas"'
 */
export function codeInWords(words: SummaryWordList, code: string, language: Language, values: Record<string, string> = {}): string | undefined {
  const exact = words.codes[code];
  if (exact) return fill(exact[language], values);
  for (const [key, wording] of Object.entries(words.codes)) {
    const template = /^(.*)\{(\w+)\}$/.exec(key);
    if (!template || !code.startsWith(template[1]!) || code.length === template[1]!.length) continue;
    return fill(wording[language], { ...values, [template[2]!]: code.slice(template[1]!.length) });
  }
  return undefined;
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => (Object.hasOwn(values, name) ? values[name]! : placeholder));
}

/**
 * The summary's words, read again when the file changes; a file that has become invalid is refused
 * and the last good version stays. Without the file agents see the raw codes, so nothing is hidden.
 */
export class SummaryWords {
  private readonly source: ReloadingFile<SummaryWordList>;

  private constructor(
    readonly file: string,
    logger: Logger,
  ) {
    this.source = new ReloadingFile<SummaryWordList>({
      file,
      missing: () => ({ codes: {}, details: {} }),
      onMissing: () => logger.warn('no case summary words file; agents see the raw reason codes', { file }),
      parse: (text) => {
        const { words, problems } = parseSummaryWords(path.basename(file), text);
        return { ...(words ? { value: words } : {}), problems: words ? [] : problems };
      },
      refused: (problems) => logger.error('case summary words refused; keeping the last good version', { file, problems: problems.map(formatProblem) }),
    });
  }

  /** Throws ContentError (file:line) when the file is invalid; a missing file means raw codes. */
  static async open(file: string, logger: Logger): Promise<SummaryWords> {
    const words = new SummaryWords(file, logger);
    const problems = await words.source.refresh();
    if (problems.length > 0) throw new ContentError(problems);
    return words;
  }

  async current(): Promise<SummaryWordList> {
    return this.source.current();
  }
}
