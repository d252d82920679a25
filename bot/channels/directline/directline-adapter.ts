import { ActivityTypes, BotAdapter, TurnContext, type Activity, type ChannelAccount, type ConversationReference, type ResourceResponse } from 'botbuilder';
import type { ChannelAdapter } from '../../turn/conversation-sender.js';
import type { DirectLineLog } from './directline-log.js';

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
  ) {
    super();
  }

  /** Runs one incoming activity through the middleware and the bot, after earlier turns of its conversation. */
  processActivity(activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    return this.conversations.serialize(activity.conversation.id, () => this.runMiddleware(new TurnContext(this, activity), logic));
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
