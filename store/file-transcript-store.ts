import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Activity, PagedResult, TranscriptInfo, TranscriptStore } from 'botbuilder';
import { JSONFile } from 'lowdb/node';
import { mapActivityStrings } from '../core/index.js';
import { StoreFileError } from './json-database.js';
import { KeyedQueue } from './keyed-queue.js';

interface TranscriptFile {
  channelId: string;
  conversationId: string;
  created: string;
  activities: Activity[];
}

/** Activities per page of `getTranscriptActivities`; a whole support conversation usually fits in one. */
export const TRANSCRIPT_PAGE_SIZE = 500;

/**
 * botbuilder's TranscriptStore on JSON files, one per conversation
 * (`DATA_DIR/transcripts/<channel>/<conversation>.json`), so a turn rewrites only its own
 * conversation's file. Writes to one file run one after another; reads wait for pending writes,
 * so a transcript read right after a turn contains that turn.
 *
 * `redact` runs on every content string (text, value, channelData, attachments, names) before it is written: personal data never reaches the disk, whichever
 * way an activity arrives. Trace activities (NLU debug) are not kept, and the transcript attached to
 * a handoff event is dropped from the stored copy of that event (it would copy the transcript into itself).
 */
export class FileTranscriptStore implements TranscriptStore {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly folder: string,
    private readonly redact: (text: string) => string = (text) => text,
  ) {}

  logActivity(activity: Activity): Promise<void> {
    // Traces are debug output; ContinueConversation is the adapter's own wake-up event for a proactive send.
    if (activity.type === 'trace' || (activity.type === 'event' && activity.name === 'ContinueConversation')) return Promise.resolve();
    const channelId = activity.channelId;
    const conversationId = activity.conversation?.id;
    if (!channelId || !conversationId) return Promise.reject(new Error('FileTranscriptStore.logActivity(): the activity has no channelId or conversation.id'));
    const stored = this.storable(activity);
    const file = this.fileOf(channelId, conversationId);
    return this.queue.run(file, async () => {
      const current = (await this.readFile(file)) ?? { channelId, conversationId, created: new Date().toISOString(), activities: [] };
      current.activities.push(stored);
      await mkdir(path.dirname(file), { recursive: true });
      await new JSONFile<TranscriptFile>(file).write(current);
    });
  }

  async getTranscriptActivities(channelId: string, conversationId: string, continuationToken?: string, startDate?: Date): Promise<PagedResult<Activity>> {
    const file = this.fileOf(channelId, conversationId);
    await this.queue.idle(file);
    const transcript = await this.readFile(file);
    const from = continuationToken ? Number.parseInt(continuationToken, 10) : 0;
    const activities = (transcript?.activities ?? []).filter((activity) => !startDate || new Date(activity.timestamp ?? 0) >= startDate);
    const items = activities.slice(from, from + TRANSCRIPT_PAGE_SIZE);
    const next = from + items.length;
    return { items, continuationToken: next < activities.length ? String(next) : '' };
  }

  /** Resolves when every write started so far has finished (the logger middleware does not wait for them). */
  async flush(): Promise<void> {
    await this.queue.drain();
  }

  /** Every activity of a conversation, across pages. */
  async allActivities(channelId: string, conversationId: string): Promise<Activity[]> {
    const all: Activity[] = [];
    let token: string | undefined;
    do {
      const page = await this.getTranscriptActivities(channelId, conversationId, token);
      all.push(...page.items);
      token = page.continuationToken || undefined;
    } while (token);
    return all;
  }

  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    const folder = path.join(this.folder, encodeURIComponent(channelId));
    const names = (await readdir(folder).catch(() => [] as string[])).filter((name) => name.endsWith('.json')).sort();
    const from = continuationToken ? Number.parseInt(continuationToken, 10) : 0;
    const page = names.slice(from, from + TRANSCRIPT_PAGE_SIZE);
    const items = await Promise.all(
      page.map(async (name) => ({ channelId, id: decodeURIComponent(name.slice(0, -'.json'.length)), created: (await stat(path.join(folder, name))).birthtime })),
    );
    const next = from + page.length;
    return { items, continuationToken: next < names.length ? String(next) : '' };
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    const file = this.fileOf(channelId, conversationId);
    await this.queue.run(file, () => rm(file, { force: true }));
  }

  /** Conversations whose transcript has not changed since `before` (for retention). */
  async untouchedSince(before: Date): Promise<{ channelId: string; conversationId: string }[]> {
    const found: { channelId: string; conversationId: string }[] = [];
    for (const channel of await readdir(this.folder).catch(() => [] as string[])) {
      for (const name of await readdir(path.join(this.folder, channel)).catch(() => [] as string[])) {
        if (!name.endsWith('.json')) continue;
        const modified = (await stat(path.join(this.folder, channel, name))).mtime;
        if (modified < before) found.push({ channelId: decodeURIComponent(channel), conversationId: decodeURIComponent(name.slice(0, -'.json'.length)) });
      }
    }
    return found;
  }

  private storable(activity: Activity): Activity {
    // Every content string, not only `text`: a card in channelData, a value or from.name reached the disk.
    const copy = mapActivityStrings(structuredClone(activity), this.redact);
    if (copy.name === 'handoff.initiate') delete copy.attachments;
    return copy;
  }

  private fileOf(channelId: string, conversationId: string): string {
    return path.join(this.folder, encodeURIComponent(channelId), `${encodeURIComponent(conversationId)}.json`);
  }

  private async readFile(file: string): Promise<TranscriptFile | undefined> {
    try {
      return (await new JSONFile<TranscriptFile>(file).read()) ?? undefined;
    } catch (error) {
      throw new StoreFileError(file, `the transcript is not valid JSON (${(error as Error).message})`);
    }
  }
}
