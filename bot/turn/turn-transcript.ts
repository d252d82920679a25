import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';

/** Where the turn reads the conversation so far (the transcript store). */
export interface TranscriptSource {
  allActivities(channelId: string, conversationId: string): Promise<Activity[]>;
}

/**
 * The transcript as it stands during one turn. The transcript logger writes this turn's activities
 * only when the turn ends, so the store alone misses them: this adds the incoming message and records
 * what is sent, through one hook installed when the turn starts. Replaces a `sent` array that was
 * passed on as readonly while the hook kept filling it.
 */
export class TurnTranscript {
  private readonly sent: Partial<Activity>[] = [];
  private stored: Promise<Activity[]> | undefined;

  constructor(
    private readonly context: TurnContext,
    private readonly source: TranscriptSource,
  ) {
    context.onSendActivities(async (_context, activities, next) => {
      this.sent.push(...activities);
      return next();
    });
  }

  /** The stored transcript (read once), the incoming message unless already stored, and what was sent so far; no traces. */
  async snapshot(): Promise<Partial<Activity>[]> {
    const { channelId, conversation, id } = this.context.activity;
    this.stored ??= this.source.allActivities(channelId, conversation.id);
    const stored = await this.stored;
    const incomingStored = id !== undefined && stored.some((entry) => entry.id === id);
    return [...stored, ...(incomingStored ? [] : [this.context.activity]), ...this.sent].filter((activity) => activity.type !== ActivityTypes.Trace);
  }
}
