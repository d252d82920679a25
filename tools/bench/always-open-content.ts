import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { OPENING_HOURS_FILE } from '../../core/content/load-opening-hours.js';

/** The project's content folders the bot reads besides the hours (linked, not copied: the same files). */
const LINKED_FOLDERS = ['intents', 'messages', 'lexicons'];
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export interface BenchContent {
  /** CONTENT_DIR for the bots under load. */
  dir: string;
  remove(): Promise<void>;
}

/**
 * The project's content with the agents' channel open around the clock and no exceptions. A handoff
 * inside service hours does more than one outside them (the customer's place in the queue, the expected
 * wait), so without this the bench's handoff figure would depend on the hour it runs at.
 */
export async function alwaysOpenContent(projectRoot: string): Promise<BenchContent> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vastaa-bench-content-'));
  try {
    for (const folder of LINKED_FOLDERS) await symlink(path.join(projectRoot, folder), path.join(dir, folder), 'dir');
    const hours = parseDocument(await readFile(path.join(projectRoot, OPENING_HOURS_FILE), 'utf8'));
    const agents = String(hours.get('agents'));
    hours.setIn(['channels', agents], Object.fromEntries(WEEKDAYS.map((day) => [day, '00:00-24:00'])));
    hours.set('exceptions', []);
    await mkdir(path.join(dir, path.dirname(OPENING_HOURS_FILE)), { recursive: true });
    await writeFile(path.join(dir, OPENING_HOURS_FILE), hours.toString());
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
