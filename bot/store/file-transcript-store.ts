import { constants, readFile as readFileCallback } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Activity, PagedResult, TranscriptInfo, TranscriptStore } from 'botbuilder';
import { hashedFileName } from './hashed-file-name.js';
import { isTranscriptWorthy, storableActivity } from './storable-activity.js';
import { StoreFileError } from './json-database.js';
import { KeyedQueue } from './keyed-queue.js';
import { openPlainFile, type PlainFile } from './plain-file.js';

/** A whole transcript read without a FileHandle (see plain-file.ts); a handoff reads it. */
const readFileQuickly = promisify(readFileCallback);

/** The first line of every transcript file: whose conversation it is (the file name is only a hash). */
interface TranscriptHeader {
  channelId: string;
  conversationId: string;
  created: string;
}

/** A transcript file of the previous layout (`<channel>/<conversation>.json`, one JSON document). */
interface LegacyTranscriptFile extends Partial<TranscriptHeader> {
  activities?: Activity[];
}

/** Activities per page of `getTranscriptActivities`; a whole support conversation usually fits in one. */
export const TRANSCRIPT_PAGE_SIZE = 500;

const EXTENSION = '.jsonl';
const NEWLINE = 0x0a;
const CHUNK_BYTES = 64 * 1024;
const MAX_KNOWN_ENDS = 10_000;

/**
 * botbuilder's TranscriptStore as one JSON Lines file per conversation in `DATA_DIR/transcripts/`:
 * a header line (channel, conversation, created), then one line per activity. Each activity is
 * appended, never the whole file rewritten, so a turn costs the same however long the conversation
 * has been. The file name is `<channel>-<sha256 of the key>.jsonl`: ids from outside never become
 * paths (a channel id `..` once wrote into DATA_DIR itself).
 *
 * Appends to one file run one after another; reads wait for pending appends, so a transcript read
 * right after a turn contains that turn. A line cut short by a crash or a full disk is dropped by the
 * reader and cut off before the next append, so it can never end up between two good lines.
 *
 * `redact` runs on every content string (text, value, channelData, attachments, names) before it is written: personal data never reaches the disk, whichever
 * way an activity arrives. Trace activities (NLU debug) are not kept, and the transcript attached to
 * a handoff event is dropped from the stored copy of that event (it would copy the transcript into itself).
 */
export class FileTranscriptStore implements TranscriptStore {
  private readonly queue = new KeyedQueue();
  /**
   * Files this process appended to last, and their length then: the next append to such a file
   * needs no stat and no read-back of its last byte (with the folder check, four of the six file
   * calls per activity). Appends and deletes of a file run through the queue, and only this process
   * writes DATA_DIR (the folder lock), so the length stays true; a failed append forgets the file,
   * and a file not in the map is checked as before. Bounded: the oldest are forgotten past `MAX_KNOWN_ENDS`.
   */
  private readonly knownEnds = new Map<string, number>();
  /**
   * Lines queued for a file whose append has not started yet: a turn logs its message, replies and
   * events within moments, and they go to disk in one append instead of one file open each.
   */
  private readonly waiting = new Map<string, { lines: string[]; written: Promise<void> }>();

  constructor(
    private readonly folder: string,
    private readonly redact: (text: string) => string = (text) => text,
  ) {}

  /**
   * Opens the folder and moves transcripts of the previous layout (`<channel>/<conversation>.json`)
   * to their hashed JSON Lines files, once. Each new file is complete (written to a temporary file and
   * renamed) before its old file is removed, so an interrupted start-up loses nothing and the next one
   * finishes the move. Old files that are not valid JSON are left where they are.
   */
  static async open(folder: string, redact?: (text: string) => string): Promise<FileTranscriptStore> {
    await mkdir(folder, { recursive: true });
    const store = new FileTranscriptStore(folder, redact);
    await store.migrateLegacyFolders();
    return store;
  }

  /** The file that holds a conversation's transcript; always directly inside the folder, whatever the ids. */
  fileOf(channelId: string, conversationId: string): string {
    return path.join(this.folder, hashedFileName(channelId, JSON.stringify([channelId, conversationId]), EXTENSION));
  }

  logActivity(activity: Activity): Promise<void> {
    if (!isTranscriptWorthy(activity)) return Promise.resolve();
    const channelId = activity.channelId;
    const conversationId = activity.conversation?.id;
    if (!channelId || !conversationId) return Promise.reject(new Error('FileTranscriptStore.logActivity(): the activity has no channelId or conversation.id'));
    const line = `${JSON.stringify(storableActivity(activity, this.redact))}\n`;
    const file = this.fileOf(channelId, conversationId);
    const waiting = this.waiting.get(file);
    if (waiting) {
      waiting.lines.push(line);
      return waiting.written;
    }
    const lines = [line];
    const written = this.queue.run(file, () => {
      this.waiting.delete(file);
      return this.append(file, { channelId, conversationId, created: new Date().toISOString() }, lines.join(''));
    });
    this.waiting.set(file, { lines, written });
    return written;
  }

  async getTranscriptActivities(channelId: string, conversationId: string, continuationToken?: string, startDate?: Date): Promise<PagedResult<Activity>> {
    const from = continuationToken ? Number.parseInt(continuationToken, 10) : 0;
    const activities = (await this.allActivities(channelId, conversationId)).filter((activity) => !startDate || new Date(activity.timestamp ?? 0) >= startDate);
    const items = activities.slice(from, from + TRANSCRIPT_PAGE_SIZE);
    const next = from + items.length;
    return { items, continuationToken: next < activities.length ? String(next) : '' };
  }

  /** Resolves when every write started so far has finished (the logger middleware does not wait for them). */
  async flush(): Promise<void> {
    await this.queue.drain();
  }

  /** Every activity of a conversation, in the order they were logged. */
  async allActivities(channelId: string, conversationId: string): Promise<Activity[]> {
    const file = this.fileOf(channelId, conversationId);
    await this.queue.idle(file);
    return (await this.readTranscript(file))?.activities ?? [];
  }

  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    const found: TranscriptInfo[] = [];
    for (const name of (await this.transcriptNames()).sort()) {
      const header = await this.readHeader(path.join(this.folder, name));
      if (header?.channelId === channelId) found.push({ channelId, id: header.conversationId, created: new Date(header.created) });
    }
    const from = continuationToken ? Number.parseInt(continuationToken, 10) : 0;
    const items = found.slice(from, from + TRANSCRIPT_PAGE_SIZE);
    const next = from + items.length;
    return { items, continuationToken: next < found.length ? String(next) : '' };
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    const file = this.fileOf(channelId, conversationId);
    await this.queue.run(file, () => {
      this.knownEnds.delete(file);
      return rm(file, { force: true });
    });
  }

  /** Conversations whose transcript has not changed since `before` (for retention); the ids come from each file's header. */
  async untouchedSince(before: Date): Promise<{ channelId: string; conversationId: string }[]> {
    const found: { channelId: string; conversationId: string }[] = [];
    for (const name of await this.transcriptNames()) {
      const file = path.join(this.folder, name);
      const modified = (await stat(file).catch(() => undefined))?.mtime;
      if (!modified || modified >= before) continue;
      const header = await this.readHeader(file);
      if (header) found.push({ channelId: header.channelId, conversationId: header.conversationId });
    }
    return found;
  }

  /**
   * Appends whole lines (after the header when the file is new). A line left cut short by an earlier
   * crash is cut off first, and a failed write is cut back to where it started: otherwise the next
   * line would be glued to the fragment and the file could no longer be read.
   */
  private async append(file: string, header: TranscriptHeader, lines: string): Promise<void> {
    const known = this.knownEnds.get(file);
    this.knownEnds.delete(file);
    // Without O_CREAT: a file removed behind our back must not come back without its header line.
    const handle = known === undefined ? undefined : await openPlainFile(file, constants.O_WRONLY | constants.O_APPEND).catch(() => undefined);
    if (handle && known !== undefined) {
      try {
        await this.appendAt(handle, file, known, lines);
      } finally {
        await handle.close();
      }
      return;
    }
    const checked = await openPlainFile(file, 'a+').catch(async (error: NodeJS.ErrnoException) => {
      // The folder is made at start-up; made again only if someone removed it since.
      if (error.code !== 'ENOENT') throw error;
      await mkdir(this.folder, { recursive: true });
      return openPlainFile(file, 'a+');
    });
    try {
      const size = await endOfLastWholeLine(checked, await checked.size());
      await this.appendAt(checked, file, size, size === 0 ? `${JSON.stringify(header)}\n${lines}` : lines);
    } finally {
      await checked.close();
    }
  }

  /** Writes `text` at the end (`size`, a whole-line end); on failure cuts the file back to `size`, on success remembers the new end. */
  private async appendAt(handle: PlainFile, file: string, size: number, text: string): Promise<void> {
    const bytes = Buffer.from(text, 'utf8');
    try {
      await handle.write(bytes);
    } catch (error) {
      await handle.truncate(size).catch(() => undefined);
      throw error;
    }
    this.knownEnds.set(file, size + bytes.length);
    if (this.knownEnds.size > MAX_KNOWN_ENDS) this.knownEnds.delete(this.knownEnds.keys().next().value!);
  }

  /** Header and activities; undefined when there is no transcript. Only whole lines count. */
  private async readTranscript(file: string): Promise<{ header: TranscriptHeader; activities: Activity[] } | undefined> {
    let text: string;
    try {
      text = await readFileQuickly(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new StoreFileError(file, (error as Error).message);
    }
    const lines = text
      .slice(0, text.lastIndexOf('\n') + 1)
      .split('\n')
      .slice(0, -1);
    if (lines.length === 0) return undefined;
    const parsed = lines.map((line, index) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (error) {
        throw new StoreFileError(file, `line ${index + 1} of the transcript is not valid JSON (${(error as Error).message})`);
      }
    });
    const header = parsed[0] as Partial<TranscriptHeader>;
    if (typeof header?.channelId !== 'string' || typeof header.conversationId !== 'string') {
      throw new StoreFileError(file, 'its first line is not a transcript header (channelId, conversationId)');
    }
    return { header: header as TranscriptHeader, activities: parsed.slice(1) as Activity[] };
  }

  /** Just the first line; undefined when the file is gone or has no whole, valid header line. */
  private async readHeader(file: string): Promise<TranscriptHeader | undefined> {
    let handle: FileHandle;
    try {
      handle = await open(file, 'r');
    } catch {
      return undefined;
    }
    try {
      const chunks: Buffer[] = [];
      for (let position = 0; ;) {
        const chunk = Buffer.alloc(CHUNK_BYTES);
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
        if (bytesRead === 0) return undefined;
        const end = chunk.subarray(0, bytesRead).indexOf(NEWLINE);
        chunks.push(chunk.subarray(0, end >= 0 ? end : bytesRead));
        if (end >= 0) break;
        position += bytesRead;
      }
      const header = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Partial<TranscriptHeader>;
      return typeof header.channelId === 'string' && typeof header.conversationId === 'string' ? (header as TranscriptHeader) : undefined;
    } catch {
      return undefined;
    } finally {
      await handle.close();
    }
  }

  private async transcriptNames(): Promise<string[]> {
    return (await readdir(this.folder).catch(() => [] as string[])).filter((name) => name.endsWith(EXTENSION));
  }

  private async migrateLegacyFolders(): Promise<void> {
    for (const entry of await readdir(this.folder, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const legacyFolder = path.join(this.folder, entry.name);
      for (const name of await readdir(legacyFolder)) {
        if (name.endsWith('.json')) await this.migrateLegacyFile(path.join(legacyFolder, name), entry.name, name.slice(0, -'.json'.length));
      }
      await rmdir(legacyFolder).catch(() => undefined); // kept when something was left in it
    }
  }

  private async migrateLegacyFile(legacyFile: string, folderName: string, baseName: string): Promise<void> {
    let legacy: LegacyTranscriptFile;
    let channelId: string;
    let conversationId: string;
    try {
      legacy = JSON.parse(await readFile(legacyFile, 'utf8')) as LegacyTranscriptFile;
      channelId = legacy.channelId ?? decodeURIComponent(folderName);
      conversationId = legacy.conversationId ?? decodeURIComponent(baseName);
      if (!Array.isArray(legacy.activities)) return;
    } catch {
      return;
    }
    const header: TranscriptHeader = { channelId, conversationId, created: legacy.created ?? (await stat(legacyFile)).birthtime.toISOString() };
    const target = this.fileOf(channelId, conversationId);
    const temporary = `${target}.migrating`;
    await writeFile(temporary, [header, ...legacy.activities].map((line) => `${JSON.stringify(line)}\n`).join(''));
    await rename(temporary, target);
    await rm(legacyFile);
  }
}

/**
 * The length of the file up to and including its last newline: where the next line may start.
 * Cuts off whatever follows (a line a crash left unfinished); reads backwards in chunks, usually one byte.
 */
async function endOfLastWholeLine(handle: PlainFile, size: number): Promise<number> {
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - (end === size ? 1 : CHUNK_BYTES));
    const chunk = Buffer.alloc(end - start);
    await handle.read(chunk, start);
    const at = chunk.lastIndexOf(NEWLINE);
    if (at >= 0) {
      end = start + at + 1;
      break;
    }
    end = start;
  }
  if (end !== size) await handle.truncate(end);
  return end;
}
