import type { Activity, Storage } from 'botbuilder';
import { idProblem } from '../../core/index.js';
import { customerKey, splitConversationKey, type CaseRecord, type ConversationRecord, type DataGovernance } from '../../handoff/index.js';
import type { LearningInbox } from '../../dialogs/index.js';
import { conversationStateKey, type TranscriptArchive } from '../store/index.js';

export interface CustomerDataExport {
  customer: { channelId: string; userId: string };
  exportedAt: string;
  conversations: (ConversationRecord & { transcript: Activity[] })[];
  cases: CaseRecord[];
}

export interface ErasureReport {
  customer: { channelId: string; userId: string };
  erasedAt: string;
  conversations: number;
  cases: number;
  transcripts: number;
  /** Messages of theirs in the editors' learning inbox. */
  inboxItems: number;
  /** The handoff store was compacted: no earlier copy of the erased records is left in its journal. */
  compacted: true;
}

/**
 * A customer's data on request (GDPR articles 15 and 17): everything kept about them (conversation
 * records, cases, transcripts), and its erasure, including the bot's own conversation state and their
 * messages in the editors' learning inbox.
 */
export class CustomerData {
  constructor(
    private readonly records: DataGovernance,
    private readonly transcripts: TranscriptArchive,
    private readonly botState: Storage,
    private readonly inbox?: LearningInbox,
  ) {}

  async export(channelId: string, userId: string): Promise<CustomerDataExport> {
    checkCustomerIds(channelId, userId);
    const { cases, conversations } = await this.records.customerData(customerKey(channelId, userId));
    return {
      customer: { channelId, userId },
      exportedAt: new Date().toISOString(),
      conversations: await Promise.all(
        conversations.map(async (conversation) => {
          const { channelId: channel, conversationId } = splitConversationKey(conversation.key);
          return { ...conversation, transcript: await this.transcripts.allActivities(channel, conversationId) };
        }),
      ),
      cases,
    };
  }

  async erase(channelId: string, userId: string): Promise<ErasureReport> {
    checkCustomerIds(channelId, userId);
    const { cases, conversations } = await this.records.eraseCustomer(customerKey(channelId, userId));
    // The stores name their files by a hash of the ids, so these deletes can only ever reach this
    // conversation's own files, whatever the ids are.
    for (const conversation of conversations) {
      const { channelId: channel, conversationId } = splitConversationKey(conversation.key);
      await this.transcripts.deleteTranscript(channel, conversationId);
      await this.botState.delete([conversationStateKey(channel, conversationId)]);
    }
    const inboxItems = (await this.inbox?.forgetConversations(conversations.map((conversation) => conversation.key))) ?? 0;
    return {
      customer: { channelId, userId },
      erasedAt: new Date().toISOString(),
      conversations: conversations.length,
      cases: cases.length,
      transcripts: conversations.length,
      inboxItems,
      compacted: true,
    };
  }
}

/** The routes and the CLI answer bad ids themselves; this keeps any other caller from erasing by a key no channel could have made. */
function checkCustomerIds(channelId: string, userId: string): void {
  for (const [field, id] of [
    ['channelId', channelId],
    ['userId', userId],
  ] as const) {
    const problem = idProblem(id);
    if (problem) throw new Error(`CustomerData: ${field} ${problem} (got ${JSON.stringify(id.slice(0, 80))})`);
  }
}
