import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { isMap, isSeq, parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import { AGENT_ROLES, LOGIN_PATTERN, parseAgentsFile, TEAM_PATTERN, type Agent, type AgentRole } from '../../bot/agent-console/agent-directory.js';
import { hashPassword } from '../../bot/agent-console/password-hash.js';
import { formatProblem } from '../../core/content/index.js';
import { isLanguage, LANGUAGES, type Language } from '../../core/index.js';

export const AGENTS_USAGE = `Usage: npm run agents -- <command>

  add <login> --name <name> [--language fi|en] [--role agent|editor|supervisor|admin] [skills]
                        add a user (role agent unless given); asks for the password (or reads it from stdin: echo "$PW" | npm run agents -- add ...)
  role <login> <role>   set a user's role: agent (cases), editor (the studio), supervisor or admin (both)
  skills <login> [--max-chats N] [--languages fi,en] [--teams billing,orders]
                        show or change what routing gives the agent: chats at once (0-20), customer languages, teams
                        (defaults: 3, every language, no team: general cases only)
  password <login>      set a new password for an agent
  remove <login>        remove an agent (their sessions end at their next request)
  list                  list the agents
  publish               copy the file's agents to the database (DATABASE_URL); add, role, skills, password and remove do it themselves

The file is AGENTS_FILE (default DATA_DIR/agents.yaml). With DATABASE_URL set, every change is also
published to the database, where every instance reads the agents. Passwords are stored only as scrypt hashes.`;

const MIN_PASSWORD = 10;
const HEADER = `# Agents of the agent console. Manage with \`npm run agents -- add|password|remove|list\`.
# password is a scrypt hash (never a plain password); language is the console's language (fi or en);
# role is agent (the default: cases), editor (the studio), supervisor or admin (both).
# maxChats, languages and teams are for routing (CASE_ROUTING=on); see \`npm run agents -- skills\`.
`;

export interface AgentsCommandIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  out: (line: string) => void;
  err: (line: string) => void;
  /** With DATABASE_URL: copies the file's agents to the database after every change (and for `publish`). */
  publish?: (agents: Agent[]) => Promise<void>;
}

export async function runAgentsCommand(file: string, argv: string[], io: AgentsCommandIo): Promise<number> {
  const [command, login, ...rest] = argv;
  const options = parseOptions(rest);
  const document = await openDocument(file);
  if (!document.ok) {
    io.err(document.problems.join('\n'));
    return 1;
  }
  const { doc } = document;
  const agents = doc.get('agents') as YAMLSeq<YAMLMap>;
  const indexOf = (wanted: string) => agents.items.findIndex((item) => String(item.get('login')) === wanted);

  switch (command) {
    case 'list': {
      const { agents: list } = parseAgentsFile(path.basename(file), doc.toString());
      if (list.length === 0) io.out(`no agents in ${file}`);
      for (const agent of list) io.out(`${agent.login}\t${agent.name}\t${agent.language}\t${agent.role}`);
      return 0;
    }
    case 'add': {
      if (!login || !LOGIN_PATTERN.test(login))
        return fail(io, `add: give a login of 2-40 characters: lower-case letters, digits, . _ - (got ${JSON.stringify(login ?? '')})`);
      if (indexOf(login) >= 0) return fail(io, `add: ${login} is already an agent; use \`npm run agents -- password ${login}\` to change the password`);
      const name = options.name?.trim();
      if (!name) return fail(io, 'add: --name is required: the name customers see under the replies, e.g. --name Vili');
      const language = options.language ?? 'fi';
      if (!isLanguage(language)) return fail(io, `add: --language must be one of ${LANGUAGES.join(', ')} (got "${language}")`);
      const role = options.role ?? 'agent';
      if (!isRole(role)) return fail(io, `add: --role must be one of ${AGENT_ROLES.join(', ')} (got "${role}")`);
      const password = await readPassword(io, `Password for ${login}: `);
      if (typeof password !== 'string') return fail(io, password.problem);
      const skills = skillsOf(options);
      if ('problem' in skills) return fail(io, `add: ${skills.problem}`);
      // role: agent is the file's default, so an agent's entry looks as it always has.
      const entry = doc.createNode({
        login,
        name,
        language: language as Language,
        ...(role === 'agent' ? {} : { role }),
        ...skills.set,
        password: await hashPassword(password),
      });
      agents.add(entry);
      await save(file, doc.toString());
      io.out(`added ${login} (${name}, ${language}${role === 'agent' ? '' : `, ${role}`}) to ${file}`);
      await published(file, doc.toString(), io);
      return 0;
    }
    case 'role': {
      const index = login ? indexOf(login) : -1;
      if (!login || index < 0) return fail(io, `role: no agent ${JSON.stringify(login ?? '')} in ${file}`);
      const role = rest[0];
      if (!role || !isRole(role)) return fail(io, `role: give one of ${AGENT_ROLES.join(', ')} (got ${JSON.stringify(role ?? '')})`);
      agents.items[index]!.set('role', role);
      await save(file, doc.toString());
      io.out(`${login} is now ${role}`);
      await published(file, doc.toString(), io);
      return 0;
    }
    case 'password': {
      const index = login ? indexOf(login) : -1;
      if (!login || index < 0) return fail(io, `password: no agent ${JSON.stringify(login ?? '')} in ${file}`);
      const password = await readPassword(io, `New password for ${login}: `);
      if (typeof password !== 'string') return fail(io, password.problem);
      agents.items[index]!.set('password', await hashPassword(password));
      await save(file, doc.toString());
      io.out(`password of ${login} changed`);
      await published(file, doc.toString(), io);
      return 0;
    }
    case 'skills': {
      const index = login ? indexOf(login) : -1;
      if (!login || index < 0) return fail(io, `skills: no agent ${JSON.stringify(login ?? '')} in ${file}`);
      const skills = skillsOf(options);
      if ('problem' in skills) return fail(io, `skills: ${skills.problem}`);
      for (const [key, value] of Object.entries(skills.set)) agents.items[index]!.set(key, doc.createNode(value));
      const changed = Object.keys(skills.set).length > 0;
      if (changed) await save(file, doc.toString());
      const agent = parseAgentsFile(path.basename(file), doc.toString()).agents.find((each) => each.login === login)!;
      io.out(`${login}: maxChats ${agent.maxChats}, languages ${agent.languages.join(',')}, teams ${agent.teams.join(',') || '(none: general cases only)'}`);
      if (changed) await published(file, doc.toString(), io);
      return 0;
    }
    case 'remove': {
      const index = login ? indexOf(login) : -1;
      if (!login || index < 0) return fail(io, `remove: no agent ${JSON.stringify(login ?? '')} in ${file}`);
      agents.items.splice(index, 1);
      await save(file, doc.toString());
      io.out(`removed ${login}`);
      await published(file, doc.toString(), io);
      return 0;
    }
    case 'publish': {
      if (!io.publish) return fail(io, 'publish: set DATABASE_URL to the database the bot uses');
      await published(file, doc.toString(), io);
      return 0;
    }
    default:
      io.out(AGENTS_USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 1;
  }
}

/** Copies the agents of the file's new text to the database, when there is one. */
async function published(file: string, text: string, io: AgentsCommandIo): Promise<void> {
  if (!io.publish) return;
  const { agents } = parseAgentsFile(path.basename(file), text);
  await io.publish(agents);
  io.out(`published ${agents.length} agent${agents.length === 1 ? '' : 's'} to the database`);
}

function fail(io: AgentsCommandIo, message: string): number {
  io.err(message);
  return 1;
}

/** The routing skills given as options, checked; only those given are set. */
function skillsOf(options: Options): { set: { maxChats?: number; languages?: string[]; teams?: string[] } } | { problem: string } {
  const set: { maxChats?: number; languages?: string[]; teams?: string[] } = {};
  const items = (value: string) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  if (options['max-chats'] !== undefined) {
    const maxChats = Number(options['max-chats']);
    if (!Number.isInteger(maxChats) || maxChats < 0 || maxChats > 20)
      return { problem: `--max-chats must be a whole number from 0 to 20 (got "${options['max-chats']}")` };
    set.maxChats = maxChats;
  }
  if (options.languages !== undefined) {
    const languages = items(options.languages);
    const wrong = languages.find((language) => !isLanguage(language));
    if (languages.length === 0 || wrong !== undefined)
      return { problem: `--languages must list some of ${LANGUAGES.join(', ')}, comma-separated (got "${options.languages}")` };
    set.languages = languages;
  }
  if (options.teams !== undefined) {
    const teams = items(options.teams);
    const wrong = teams.find((team) => !TEAM_PATTERN.test(team));
    if (wrong !== undefined) return { problem: `--teams must be team names (lower-case letters, digits, _ -), comma-separated (got "${wrong}")` };
    set.teams = teams;
  }
  return { set };
}

function isRole(role: string): role is AgentRole {
  return (AGENT_ROLES as readonly string[]).includes(role);
}

type Options = { name?: string; language?: string; role?: string; 'max-chats'?: string; languages?: string; teams?: string };

function parseOptions(args: string[]): Options {
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const match = /^--(name|language|role|max-chats|languages|teams)(?:=(.*))?$/.exec(args[i]!);
    if (!match) continue;
    options[match[1]!] = match[2] ?? args[++i] ?? '';
  }
  return options;
}

async function openDocument(file: string) {
  const text = existsSync(file) ? await readFile(file, 'utf8') : '';
  if (text.trim() !== '') {
    const { problems } = parseAgentsFile(path.basename(file), text);
    if (problems.length > 0) return { ok: false as const, problems: [`${file} has problems; fix them first:`, ...problems.map(formatProblem)] };
  }
  const doc = parseDocument(text.trim() === '' ? `${HEADER}version: 1\nagents: []\n` : text);
  if (!isSeq(doc.get('agents'))) doc.set('agents', doc.createNode([]));
  const agents = doc.get('agents') as YAMLSeq;
  agents.flow = false;
  if (!isMap(doc.contents)) return { ok: false as const, problems: [`${file}: the file must be a YAML mapping`] };
  return { ok: true as const, doc };
}

/** Writes next to the file and renames, so a crash never leaves half a file. */
async function save(file: string, text: string): Promise<void> {
  const { problems } = parseAgentsFile(path.basename(file), text);
  if (problems.length > 0) throw new Error(`runAgentsCommand(): refusing to write an invalid agents file:\n${problems.map(formatProblem).join('\n')}`);
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: 0o600 });
  await rename(temporary, file);
}

/** From the terminal: asked twice, not echoed. From a pipe: the first line of stdin. */
async function readPassword(io: AgentsCommandIo, prompt: string): Promise<string | { problem: string }> {
  let password: string;
  if (io.stdin.isTTY) {
    password = await askHidden(io, prompt);
    const again = await askHidden(io, 'Again: ');
    if (again !== password) return { problem: 'the passwords did not match' };
  } else {
    let text = '';
    for await (const chunk of io.stdin) text += chunk.toString();
    password = text.split(/\r?\n/)[0] ?? '';
  }
  if (password.length < MIN_PASSWORD) return { problem: `the password must be at least ${MIN_PASSWORD} characters` };
  return password;
}

function askHidden(io: AgentsCommandIo, prompt: string): Promise<string> {
  process.stderr.write(prompt);
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const reader = createInterface({ input: io.stdin, output: muted, terminal: true });
  return new Promise((resolve) =>
    reader.question('', (answer) => {
      reader.close();
      process.stderr.write('\n');
      resolve(answer);
    }),
  );
}
