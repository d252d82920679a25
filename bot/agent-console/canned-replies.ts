import path from 'node:path';
import { z } from 'zod';
import { LANGUAGES, type Language, type Logger } from '../../core/index.js';
import { ContentError, formatProblem, YamlFile, type ContentProblem } from '../../core/content/index.js';
import { ReloadingFile } from './reloading-file.js';

export type CannedReply = { title: string; text: string };
export type CannedRepliesByLanguage = Record<Language, CannedReply[]>;

/** The `{variables}` a reply may hold; the console fills them from the case (canned-variables.ts). */
export const CANNED_VARIABLES = ['agent', 'orderNumber', 'openingHoursToday'] as const;

/** A misspelt variable would stay in every reply and block sending it, so the file is refused instead. */
function unknownVariable(text: string): string | undefined {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).find((name) => !(CANNED_VARIABLES as readonly string[]).includes(name));
}

const perLanguage = (max: number, what: string, variables = false) =>
  z
    .object(
      Object.fromEntries(
        LANGUAGES.map((language) => {
          const text = z
            .string()
            .trim()
            .min(1, { error: `must not be empty` })
            .max(max, { error: `must be at most ${max} characters (${what})` });
          const checked = variables
            ? text.refine((value) => unknownVariable(value) === undefined, {
                error: (issue) =>
                  `has {${unknownVariable(String(issue.input))}}, which is not a variable; use ${CANNED_VARIABLES.map((name) => `{${name}}`).join(', ')}`,
              })
            : text;
          return [language, checked];
        }),
      ) as unknown as Record<Language, z.ZodType<string>>,
    )
    .strict();

export const cannedRepliesSchema = z
  .object({
    version: z.coerce.number({ error: 'must be 1' }).pipe(z.literal(1, { error: 'must be 1' })),
    replies: z
      .array(z.object({ title: perLanguage(40, 'a button label'), text: perLanguage(2000, 'one chat message', true) }).strict())
      .min(1, { error: 'must list at least one reply' }),
  })
  .strict();

/** Parses the canned-replies file; every problem as `file:line: problem`. */
export function parseCannedReplies(file: string, text: string): { replies?: CannedRepliesByLanguage; problems: ContentProblem[] } {
  const { yaml, problems } = YamlFile.parse(file, text);
  if (problems.some((problem) => problem.severity === 'error')) return { problems };
  const checked = yaml.validate(cannedRepliesSchema);
  if (!checked.data) return { problems: checked.problems };
  const replies = Object.fromEntries(
    LANGUAGES.map((language) => [language, checked.data.replies.map((reply) => ({ title: reply.title[language], text: reply.text[language] }))]),
  ) as CannedRepliesByLanguage;
  return { replies, problems: [] };
}

/**
 * The agents' canned replies, one list per language, from a YAML file editors own. Read again when
 * the file changes; a file that has become invalid is refused and the last good version stays.
 */
export class CannedReplies {
  private readonly source: ReloadingFile<CannedRepliesByLanguage>;

  private constructor(
    readonly file: string,
    logger: Logger,
  ) {
    this.source = new ReloadingFile<CannedRepliesByLanguage>({
      file,
      missing: emptyReplies,
      onMissing: () => logger.warn('no canned replies file; agents get no canned replies', { file }),
      parse: (text) => {
        const { replies, problems } = parseCannedReplies(path.basename(file), text);
        return { ...(replies ? { value: replies } : {}), problems: replies ? [] : problems };
      },
      refused: (problems) => logger.error('canned replies refused; keeping the last good version', { file, problems: problems.map(formatProblem) }),
    });
  }

  /** Throws ContentError (file:line) when the file is invalid; a missing file means no canned replies. */
  static async open(file: string, logger: Logger): Promise<CannedReplies> {
    const canned = new CannedReplies(file, logger);
    const problems = await canned.source.refresh();
    if (problems.length > 0) throw new ContentError(problems);
    return canned;
  }

  async current(): Promise<CannedRepliesByLanguage> {
    return this.source.current();
  }
}

function emptyReplies(): CannedRepliesByLanguage {
  return Object.fromEntries(LANGUAGES.map((language) => [language, []])) as unknown as CannedRepliesByLanguage;
}
