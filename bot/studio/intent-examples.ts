import { open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { formatProblem } from '../../core/content/index.js';
import type { Language, Logger } from '../../core/index.js';
import type { LiveContent } from '../turn/live-content.js';
import { withExample } from './example-line.js';

export type AddedExample =
  | { ok: true; file: string; line: number; version: number }
  /** Nothing was written; `problems` say why (the content check's `file:line: problem` lines). */
  | { ok: false; problems: string[] };

/**
 * Adds an example phrase to an intent's YAML file from the studio: one new line in the right language's
 * list (`withExample`), the whole content checked with the new text in place (the same check as
 * `npm run intents -- check` and the reload), then written through a temporary file and a rename, and
 * made live by reloading the content at once (the watcher's later reload of the same files is a no-op
 * for the customer). When the check fails the file is left as it was. One change at a time, so two
 * editors never write over each other's line.
 */
export class IntentExamples {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly content: LiveContent,
    private readonly logger: Logger,
  ) {}

  add(intentName: string, language: Language, phrase: string, by: string): Promise<AddedExample> {
    const run = this.queue.then(() => this.addNow(intentName, language, phrase, by));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async addNow(intentName: string, language: Language, phrase: string, by: string): Promise<AddedExample> {
    const intent = this.content.current().content.intents.find((candidate) => candidate.name === intentName);
    if (!intent) return { ok: false, problems: [`there is no intent '${intentName}'`] };
    // intent.file is "intents/<name>.yaml", made by the loader from the folder listing; never from the request.
    const file = path.join(this.content.folder, intent.file);
    const before = await readFile(file, 'utf8');
    const changed = withExample(before, language, phrase);
    if ('problem' in changed) return { ok: false, problems: [`${intent.file}: ${changed.problem}`] };
    const errors = (await this.content.check(new Map([[intent.file, changed.text]]))).filter((problem) => problem.severity === 'error');
    if (errors.length > 0) return { ok: false, problems: errors.map(formatProblem) };
    await writeAtomically(file, changed.text);
    const reload = await this.content.reload();
    this.logger.info('example added from the studio', { intent: intent.name, language, line: changed.line, by, version: reload.version });
    if (!reload.ok) return { ok: false, problems: reload.problems.filter((problem) => problem.severity === 'error').map(formatProblem) };
    return { ok: true, file: intent.file, line: changed.line, version: reload.version };
  }
}

/** Through a temporary file whose name the intents loader skips (it reads only *.yaml and *.yml). */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const handle = await open(temporary, 'w', 0o644);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}
