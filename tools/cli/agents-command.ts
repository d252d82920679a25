import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { isMap, isSeq, parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import { LOGIN_PATTERN, parseAgentsFile, type Agent } from '../../bot/agent-console/agent-directory.js';
import { hashPassword } from '../../bot/agent-console/password-hash.js';
import { formatProblem } from '../../core/content/index.js';
import { isLanguage, LANGUAGES, type Language } from '../../core/index.js';

export const AGENTS_USAGE = `Usage: npm run agents -- <command>

  add <login> --name <name> [--language fi|en]
                        add an agent; asks for the password (or reads it from stdin: echo "$PW" | npm run agents -- add ...)
  password <login>      set a new password for an agent
  remove <login>        remove an agent (their sessions end at their next request)
  list                  list the agents
  publish               copy the file's agents to the database (DATABASE_URL); add, password and remove do it themselves

The file is AGENTS_FILE (default DATA_DIR/agents.yaml). With DATABASE_URL set, every change is also
published to the database, where every instance reads the agents. Passwords are stored only as scrypt hashes.`;

const MIN_PASSWORD = 10;
const HEADER = `# Agents of the agent console. Manage with \`npm run agents -- add|password|remove|list\`.
# password is a scrypt hash (never a plain password); language is the console's language (fi or en).
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
      for (const agent of list) io.out(`${agent.login}\t${agent.name}\t${agent.language}`);
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
      const password = await readPassword(io, `Password for ${login}: `);
      if (typeof password !== 'string') return fail(io, password.problem);
      const entry = doc.createNode({ login, name, language: language as Language, password: await hashPassword(password) });
      agents.add(entry);
      await save(file, doc.toString());
      io.out(`added ${login} (${name}, ${language}) to ${file}`);
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

function parseOptions(args: string[]): { name?: string; language?: string } {
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const match = /^--(name|language)(?:=(.*))?$/.exec(args[i]!);
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
