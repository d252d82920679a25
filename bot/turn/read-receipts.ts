import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { BUILT_IN_DIRECT_LINE_CHANNEL, type Logger } from '../../core/index.js';
import { conversationKey, type CaseContact } from '../../handoff/index.js';

import { READ_RECEIPT_EVENT } from '../channels/directline/posted-activity.js';

/** The event the chat page sends when agent messages were on screen while the page had focus (chat-receipts.js). */
export const SEEN_EVENT = READ_RECEIPT_EVENT;

/** `value` of the event: the id of the newest message seen (every earlier one was seen too). */
const seenValue = z.object({ upTo: z.string().min(1).max(200) });

/**
 * Read receipts from the web chat page: every agent message of the conversation's newest case up to
 * the one named is marked seen, and the console is told. Only the built-in web chat sends them; the
 * conversation is the token's own, so a page can mark only its own messages.
 */
export class ReadReceipts {
  constructor(
    private readonly contact: CaseContact,
    private readonly now: () => Date,
    private readonly logger: Logger,
  ) {}

  async onEvent(context: TurnContext): Promise<void> {
    const { activity } = context;
    if (activity.name !== SEEN_EVENT || activity.channelId !== BUILT_IN_DIRECT_LINE_CHANNEL) return;
    const value = seenValue.safeParse(activity.value);
    if (!value.success) {
      this.logger.debug('read receipt without a message id ignored', { conversation: activity.conversation.id });
      return;
    }
    const record = await this.contact.latestCase(conversationKey(activity.channelId, activity.conversation.id));
    if (record) await this.contact.noteDelivery(record.id, { seenAt: this.now().toISOString() }, { upTo: value.data.upTo });
  }
}
