import type { Activity, Middleware, TurnContext } from 'botbuilder';
import { profileOf } from './channel-profile.js';
import { shapeReply } from './shape-reply.js';

/**
 * The one place that decides how a reply looks on each channel (buttons, markdown, length, lists).
 * Dialogs write one reply for every channel; this middleware, on every adapter, fits it to the
 * conversation's channel just before it is sent, also for proactive sends (agent replies).
 */
export class ReplyShaper implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (turn, activities, sendNext) => {
      const profile = profileOf(turn.activity.channelId);
      const shaped = activities.flatMap((activity) => shapeReply(activity, profile));
      // The array is the one the adapter sends and counts responses for, so it is replaced in place.
      activities.splice(0, activities.length, ...(shaped as Partial<Activity>[]));
      return sendNext();
    });
    await next();
  }
}
