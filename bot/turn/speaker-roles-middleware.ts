import type { Activity, Middleware, TurnContext } from 'botbuilder';
import { AGENT_REPLY_MARK } from '../../handoff/index.js';

/** channelData keys only the server may set; a customer sending one is forging it. */
const SERVER_MARK = new RegExp(`^${AGENT_REPLY_MARK}$|^vastaa`, 'i');

/**
 * Makes who spoke a fact the server records, not a claim the customer makes: the activity that
 * starts a turn is always the customer's (`from.role` "user", server marks such as `vastaaAgent`
 * removed from its channelData), and everything the turn sends is the bot's (`from.role` "bot"; an
 * agent's reply keeps the mark the server put on it). Without this, a customer posting
 * `from.role: "bot"` or `channelData.vastaaAgent` showed in the agent console as the bot or an agent.
 * Must run before the transcript logger.
 */
export class SpeakerRolesMiddleware implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const incoming = context.activity;
    incoming.from = { ...(incoming.from ?? { id: '', name: '' }), role: 'user' };
    if (isRecord(incoming.channelData)) incoming.channelData = withoutServerMarks(incoming.channelData);
    context.onSendActivities(async (_context, activities: Partial<Activity>[], sendNext) => {
      // A new object: `from` is often the bot account object shared with the turn's activity.
      for (const outgoing of activities) outgoing.from = { ...(outgoing.from ?? { id: '', name: '' }), role: 'bot' };
      return sendNext();
    });
    await next();
  }
}

function withoutServerMarks(channelData: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(channelData).filter(([key]) => !SERVER_MARK.test(key)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
