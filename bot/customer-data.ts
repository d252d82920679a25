import type { Activity, Storage } from 'botbuilder';
import type { HandoffDesk } from '../handoff/index.js';
import { splitConversationKey, type CaseRecord, type ConversationRecord, type FileTranscriptStore } from '../store/index.js';

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
  /** The handoff store was compacted: no earlier copy of the erased records is left in its journal. */
  compacted: true;
}

/**
 * A customer's data on request (GDPR articles 15 and 17): everything kept about them (conversation
 * records, cases, transcripts), and its erasure, including the bot's own conversation state.
 */
export class CustomerData {
  constructor(
    private readonly desk: HandoffDesk,
    private readonly transcripts: FileTranscriptStore,
    private readonly botState: Storage,
  ) {}

  async export(channelId: string, userId: string): Promise<CustomerDataExport> {
    const { cases, conversations } = await this.desk.customerData(`${channelId}/${userId}`);
    return {
      customer: { channelId, userId },
      exportedAt: new Date().toISOString(),
      conversations: await Promise.all(
        conversations.map(async (conversation) => ({ ...conversation, transcript: await this.transcripts.allActivities(channelId, splitConversationKey(conversation.key).conversationId) })),
      ),
      cases,
    };
  }

  async erase(channelId: string, userId: string): Promise<ErasureReport> {
    const { cases, conversations } = await this.desk.eraseCustomer(`${channelId}/${userId}`);
    for (const conversation of conversations) {
      const { conversationId } = splitConversationKey(conversation.key);
      await this.transcripts.deleteTranscript(channelId, conversationId);
      await this.botState.delete([`${channelId}/conversations/${conversationId}/`]);
    }
    return { customer: { channelId, userId }, erasedAt: new Date().toISOString(), conversations: conversations.length, cases: cases.length, transcripts: conversations.length, compacted: true };
  }
}

