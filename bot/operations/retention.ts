import type { Logger } from '../../core/index.js';
import { conversationKey, type DataGovernance } from '../../handoff/index.js';
import type { LearningInbox } from '../../dialogs/index.js';
import { type TranscriptArchive } from '../store/index.js';

export interface RetentionResult {
  cases: number;
  transcripts: number;
  /** Learning-inbox items written before the cutoff. */
  inboxItems: number;
}

/**
 * Deletes what is older than the retention period: cases that ended (closed or abandoned) before
 * the cutoff, transcripts untouched since the cutoff whose conversation has no open case, with
 * their conversation records, and learning-inbox items written before the cutoff (they quote customers).
 * Open cases and their transcripts are always kept.
 */
export async function applyRetention(
  records: DataGovernance,
  transcripts: TranscriptArchive,
  days: number,
  now: Date,
  inbox?: LearningInbox,
): Promise<RetentionResult> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const cases = await records.purgeEndedBefore(cutoff);
  let deletedTranscripts = 0;
  for (const { channelId, conversationId } of await transcripts.untouchedSince(cutoff)) {
    const key = conversationKey(channelId, conversationId);
    if (!(await records.forgetConversationUnlessOpen(key))) continue;
    await transcripts.deleteTranscript(channelId, conversationId);
    deletedTranscripts += 1;
  }
  // Deleted records would otherwise stay in the journal until its next compaction, past their retention.
  if (cases.length + deletedTranscripts > 0) await records.compact();
  const inboxItems = inbox ? await inbox.removeOlderThan(cutoff) : 0;
  return { cases: cases.length, transcripts: deletedTranscripts, inboxItems };
}

/** Runs retention now and then every `everyMs`; returns a function that stops it. */
export function scheduleRetention(run: () => Promise<RetentionResult>, everyMs: number, logger: Logger): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const once = () => {
    running = run().then(
      (result) => {
        if (result.cases + result.transcripts + result.inboxItems > 0) logger.info('retention deleted old data', { ...result });
      },
      (error: unknown) => logger.error('retention failed; it runs again at the next interval', { error }),
    );
  };
  once();
  const timer = setInterval(once, everyMs);
  timer.unref();
  // Resolves once a round in progress has finished, so the stores can close after it.
  return async () => {
    clearInterval(timer);
    await running;
  };
}
