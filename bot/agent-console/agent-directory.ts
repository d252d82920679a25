import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { LANGUAGES, type Language, type Logger } from '../../core/index.js';
import { ContentError, formatProblem, YamlFile, type ContentProblem } from '../../core/content/index.js';
import { DUMMY_HASH, isPasswordHash, verifyPassword, type DeriveKey } from './password-hash.js';
import { ReloadingFile } from './reloading-file.js';

/** One agent as the agents file keeps them. */
export interface Agent {
  login: string;
  /** Signs the agent's replies ("– Vili") and shows in Web Chat. */
  name: string;
  /** The console's UI language. */
  language: Language;
  /** What the user may open: cases, the studio or both (console-roles.ts); a supervisor may also open ended cases (case-access.ts). */
  role: AgentRole;
  passwordHash: string;
  /** Routing skills and limit; an older file without them gets `ROUTING_DEFAULTS`. */
  maxChats: number;
  /** The languages the agent serves customers in (routing gives them only cases in these). */
  languages: Language[];
  /** Teams such as billing, orders, outages: routing gives a team's cases only to its agents. */
  teams: string[];
}

/** Skills of an agent the file says nothing about: three chats at once, every language, no team (general cases only). */
export const ROUTING_DEFAULTS = { maxChats: 3, languages: [...LANGUAGES], teams: [] as string[] } as const;
export const TEAM_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** Files written before editors and admins existed hold only agent and supervisor, and still load. */
export const AGENT_ROLES = ['agent', 'editor', 'supervisor', 'admin'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{1,39}$/;

export const agentsFileSchema = z
  .object({
    version: z.coerce.number({ error: 'must be 1' }).pipe(z.literal(1, { error: 'must be 1' })),
    agents: z
      .array(
        z
          .object({
            login: z.string().regex(LOGIN_PATTERN, { error: 'must be 2-40 characters: lower-case letters, digits, . _ -' }),
            name: z.string().trim().min(1, { error: 'must not be empty' }).max(60, { error: 'must be at most 60 characters' }),
            language: z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(', ')}` }),
            role: z.enum(AGENT_ROLES, { error: `must be one of ${AGENT_ROLES.join(', ')}` }).default('agent'),
            maxChats: z.coerce
              .number({ error: 'must be a whole number from 0 to 20' })
              .int({ error: 'must be a whole number from 0 to 20' })
              .min(0, { error: 'must be a whole number from 0 to 20' })
              .max(20, { error: 'must be a whole number from 0 to 20' })
              .default(ROUTING_DEFAULTS.maxChats),
            languages: z
              .array(z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(', ')}` }))
              .min(1, { error: 'must name at least one language' })
              .default([...ROUTING_DEFAULTS.languages]),
            teams: z.array(z.string().regex(TEAM_PATTERN, { error: 'must be a team name: lower-case letters, digits, _ -' })).default([]),
            password: z.string().refine(isPasswordHash, { error: 'must be a scrypt hash made by `npm run agents -- add` (never a plain password)' }),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

/** Parses the agents file's text; every problem as `file:line: problem`. */
export function parseAgentsFile(file: string, text: string): { agents: Agent[]; problems: ContentProblem[] } {
  const { yaml, problems } = YamlFile.parse(file, text);
  if (problems.some((problem) => problem.severity === 'error')) return { agents: [], problems };
  const checked = yaml.validate(agentsFileSchema);
  if (!checked.data) return { agents: [], problems: checked.problems };
  const agents = checked.data.agents.map(({ password, ...agent }) => ({ ...agent, passwordHash: password }));
  const duplicates: ContentProblem[] = [];
  agents.forEach((agent, index) => {
    if (agents.findIndex((other) => other.login === agent.login) !== index) {
      duplicates.push({
        file,
        line: yaml.lineOf(['agents', index, 'login']),
        severity: 'error',
        message: `agents[${index}].login '${agent.login}' is listed twice`,
      });
    }
  });
  return { agents: duplicates.length ? [] : agents, problems: duplicates };
}

/** Who may sign in: the agents file (AgentDirectory), or with DATABASE_URL what was published from it (PostgresAgentDirectory). */
export type AgentList = Pick<AgentDirectory, 'find' | 'list' | 'verify'>;

/**
 * The agents, read from the agents file and read again whenever it changes (so `npm run agents -- add`
 * works without a restart). A file that has become invalid is refused: the last good list stays.
 */
export class AgentDirectory {
  private readonly source: ReloadingFile<Agent[]>;

  private constructor(
    readonly file: string,
    logger: Logger,
  ) {
    this.source = new ReloadingFile<Agent[]>({
      file,
      missing: () => [],
      // An unreadable or empty file means no agents yet, like a missing one.
      read: (name) => readFile(name, 'utf8').catch(() => ''),
      parse: (text) => {
        if (text.trim() === '') return { value: [], problems: [] };
        const { agents, problems } = parseAgentsFile(path.basename(file), text);
        return { value: agents, problems };
      },
      refused: (problems) => logger.error('agents file refused; keeping the last good list', { file, problems: problems.map(formatProblem) }),
    });
  }

  /** Reads the file; a missing file means no agents yet. Throws ContentError (file:line) when it is invalid. */
  static async open(file: string, logger: Logger): Promise<AgentDirectory> {
    const directory = new AgentDirectory(file, logger);
    const problems = await directory.source.refresh();
    if (problems.length > 0) throw new ContentError(problems);
    return directory;
  }

  async find(login: string): Promise<Agent | undefined> {
    return (await this.source.current()).find((agent) => agent.login === login);
  }

  async list(): Promise<Agent[]> {
    return [...(await this.source.current())];
  }

  /**
   * The agent when the password is theirs; takes as long for an unknown login as for a known one
   * (and goes through the same `derive`, so through the same concurrency limit).
   */
  async verify(login: string, password: string, derive?: DeriveKey): Promise<Agent | undefined> {
    const agent = await this.find(login);
    const matches = await verifyPassword(password, agent?.passwordHash ?? DUMMY_HASH, derive);
    return agent && matches ? agent : undefined;
  }
}
