import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { conversationStateKey } from '../store/index.js';

/**
 * Runs `work` while holding the lock `name` (across instances: a PostgreSQL advisory lock).
 * `stateKey` is the conversation state's key: the lock may read and write it along (PostgresTurnLock).
 */
export type NamedLock = <T>(name: string, stateKey: string, work: () => Promise<T>) => Promise<T>;

/**
 * Runs one turn of a conversation at a time across every instance: two messages of one customer
 * posted through two instances at once would otherwise both read the same conversation state, and
 * the second save would fail on its stale eTag (an apology instead of an answer).
 *
 * Sends outside a turn (an agent's reply, `continueConversation`) are not locked: a turn can start
 * one itself, and waiting for its own lock would never end; they do not save the bot's state.
 */
export class ConversationTurnLock implements Middleware {
  constructor(private readonly lock: NamedLock) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { type, name, channelId, conversation } = context.activity;
    if ((type === ActivityTypes.Event && name === 'ContinueConversation') || !conversation?.id) return next();
    await this.lock(`turn:${channelId}/${conversation.id}`, conversationStateKey(channelId, conversation.id), next);
  }
}
