import { ActivityTypes, BotAdapter, TurnContext, type Activity, type ChannelAccount, type ConversationReference, type ResourceResponse } from 'botbuilder';
import type { ChannelAdapter } from '../../turn/conversation-sender.js';
import type { DirectLineLog } from './directline-log.js';

/** Runs `work` counted as a turn in flight (InFlightTurns.track), so a graceful shutdown waits for it. */
export type TurnTracker = <T>(work: () => Promise<T>) => Promise<T>;

const TURN_FAILED = Symbol('directLineTurnFailed');

/** A customer's activity whose turn failed inside the bot (the customer got the apology of onTurnError). */
export class TurnFailedError extends Error {
  constructor(readonly failure: unknown) {
    super(`the turn failed: ${failure instanceof Error ? failure.message : String(failure)}`);
    this.name = 'TurnFailedError';
  }
}

/**
 * The bot side of the built-in Direct Line: runs a customer's activity as a turn and stores what the
 * bot sends in the conversation, where Web Chat's stream or poll picks it up. Proactive sends (agent
 * replies) arrive through `continueConversation`, registered with ChannelSenders under its channel id.
 */
export class DirectLineAdapter extends BotAdapter implements ChannelAdapter {
  constructor(
    private readonly conversations: DirectLineLog,
    /** The bot's account in every conversation of this channel. */
    readonly botAccount: ChannelAccount,
    /** Counts a turn from the moment it is accepted, also while it waits behind earlier turns of its conversation. */
    private readonly inFlight: TurnTracker = (work) => work(),
  ) {
    super();
    // First in the chain, so it sees every failure before onTurnError answers it with an apology.
    this.use(async (context, next) => {
      try {
        await next();
      } catch (error) {
        context.turnState.set(TURN_FAILED, error);
        throw error;
      }
    });
  }

  /**
   * Runs one incoming activity through the middleware and the bot, after earlier turns of its conversation.
   * Rejects with TurnFailedError when the turn failed, even though onTurnError has apologised to the customer:
   * the HTTP answer then says the message was not processed (502), and the client sends it again, instead of
   * a 200 that would make a message nobody acted on (no case opened) look handled.
   */
  processActivity(activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    return this.inFlight(() =>
      this.conversations.serialize(activity.conversation.id, async () => {
        const context = new TurnContext(this, activity);
        await this.runMiddleware(context, logic);
        const failure: unknown = context.turnState.get(TURN_FAILED);
        if (failure !== undefined) throw new TurnFailedError(failure);
      }),
    );
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    if (!reference.conversation?.id) throw new Error('DirectLineAdapter.continueConversation(): the reference has no conversation.id');
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'ContinueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, typeof activity.value === 'number' ? activity.value : 1000));
        responses.push({ id: '' });
        continue;
      }
      // Traces are for the Emulator and invoke responses for the HTTP reply; neither reaches a customer.
      if (activity.type === ActivityTypes.Trace || activity.type === ActivityTypes.InvokeResponse) {
        responses.push({ id: '' });
        continue;
      }
      const conversationId = activity.conversation?.id;
      if (!conversationId) throw new Error('DirectLineAdapter.sendActivities(): an activity has no conversation.id');
      const stored = await this.conversations.append(conversationId, { ...activity, from: activity.from ?? this.botAccount });
      responses.push({ id: stored.id });
    }
    return responses;
  }

  async updateActivity(): Promise<void> {
    throw new Error('DirectLineAdapter.updateActivity(): Direct Line cannot change a sent activity');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('DirectLineAdapter.deleteActivity(): Direct Line cannot delete a sent activity');
  }
}
