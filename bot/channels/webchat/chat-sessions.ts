import type { Activity } from 'botbuilder';
import { languageFromLocale, maskPersonalData, type Language } from '../../../core/index.js';
import { say, type ContentSource } from '../../../dialogs/index.js';
import { conversationKey, type CaseRecord, type CustomerDesk } from '../../../handoff/index.js';
import type { DirectLineAdapter } from '../directline/directline-adapter.js';
import { DirectLineConversations } from '../directline/directline-conversations.js';
import { DIRECT_LINE_PATH } from '../directline/directline-routes.js';
import { WebChatIdentity, type ChatIdentity } from './webchat-identity.js';

/** Longest rating comment kept; the rest of a pasted essay is cut. */
export const MAX_RATING_COMMENT = 1000;

/** The built-in Direct Line's conversations as the chat sessions need them. */
export interface ResumableConversations {
  has(id: string): Promise<boolean>;
  locale(id: string): Promise<string | undefined>;
  /** True when held only since a send after it was dropped (see DirectLineConversations.restore). */
  isPartial(id: string): boolean;
  /** Holds a dropped conversation again with these messages; false when it cannot (a log shared in PostgreSQL). */
  restore(id: string, history: readonly Partial<Activity>[]): boolean;
}

/** This process's conversations: a dropped one is held again from its transcript. */
export function resumableInMemory(conversations: DirectLineConversations): ResumableConversations {
  return {
    has: async (id) => conversations.has(id),
    locale: async (id) => conversations.locale(id),
    isPartial: (id) => conversations.isPartial(id),
    restore: (id, history) => conversations.restore(id, history),
  };
}

/**
 * Conversations in a log shared by the instances (PostgreSQL): they outlive a restart there, but one
 * the log has dropped is not rebuilt; the visitor keeps their customer id and starts a new conversation.
 */
export function resumableInLog(log: Pick<ResumableConversations, 'has' | 'locale'>): ResumableConversations {
  return { has: (id) => log.has(id), locale: (id) => log.locale(id), isPartial: () => false, restore: () => false };
}

export interface ChatSessionDeps {
  identity: WebChatIdentity;
  conversations: ResumableConversations;
  adapter: DirectLineAdapter;
  /** The built-in Direct Line's channel id. */
  channelId: string;
  desk: Pick<CustomerDesk, 'abandon' | 'commentOnRating' | 'conversation' | 'customerWrote' | 'getCase'>;
  /** A conversation's transcript (masked, as logged), for a conversation this process no longer holds. */
  history: (conversationId: string) => Promise<Activity[]>;
  content: ContentSource;
  defaultLanguage: Language;
}

/** Where a visitor's chat page starts: their identity, the conversation, and whether it continues an earlier one. */
export interface ChatStart {
  identity: Required<ChatIdentity>;
  userId: string;
  resumed: boolean;
}

/**
 * A web chat visitor's conversations, keyed by the identity cookie: every tab and every visit within
 * WEB_CHAT_IDENTITY_DAYS resumes the same conversation, the customer key stays the same (so earlier
 * cases reach the agent's summary), and "End conversation" ends it for all of them.
 */
export class ChatSessions {
  constructor(private readonly deps: ChatSessionDeps) {}

  /** The Direct Line user id of a visitor: the same on every visit. */
  static userIdOf(identity: ChatIdentity): string {
    return `dl_${identity.customerId}`;
  }

  /**
   * The visitor's open conversation, held again from its transcript when this process had dropped it
   * (also when an agent's reply has arrived since, which alone would show without what came before);
   * a new one when they have none (`mayStart` decides whether a new one may start now: rate limits).
   * A cookie naming a conversation that left no trace (never written in) starts afresh, since Direct
   * Line would reconnect to it without a welcome.
   */
  async start(known: ChatIdentity | undefined): Promise<ChatStart> {
    const customerId = known?.customerId ?? WebChatIdentity.newCustomerId();
    const userId = ChatSessions.userIdOf({ customerId });
    const open = known?.conversationId;
    const held = open !== undefined && (await this.deps.conversations.has(open)) && !this.deps.conversations.isPartial(open);
    if (open !== undefined && (held || (await this.restore(open)))) {
      return { identity: { customerId, conversationId: open }, userId, resumed: true };
    }
    return { identity: { customerId, conversationId: DirectLineConversations.newId() }, userId, resumed: false };
  }

  /**
   * "End conversation": a case still waiting in the queue is abandoned (an agent who holds one closes
   * it, and sees the goodbye in the transcript), the customer is told in the conversation, and the
   * visitor's next page starts a new one.
   */
  async end(identity: ChatIdentity): Promise<{ abandoned?: CaseRecord }> {
    const conversationId = identity.conversationId;
    if (conversationId === undefined) return {};
    const key = conversationKey(this.deps.channelId, conversationId);
    const record = await this.deps.desk.conversation(key);
    // A page that never started its conversation has nobody to say goodbye to.
    if (!record && !(await this.deps.conversations.has(conversationId))) return {};
    const abandoned = record ? await this.deps.desk.abandon(key) : undefined;
    const language = record?.language ?? languageFromLocale(await this.deps.conversations.locale(conversationId)) ?? this.deps.defaultLanguage;
    const text = say(this.deps.content.messages, abandoned ? 'chat_ended_request_cancelled' : 'chat_ended', language);
    const userId = ChatSessions.userIdOf(identity);
    await this.deps.adapter.continueConversation(
      {
        channelId: this.deps.channelId,
        serviceUrl: DIRECT_LINE_PATH,
        conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
        bot: this.deps.adapter.botAccount,
        user: { id: userId, name: '', role: 'user' },
      },
      async (context) => {
        await context.sendActivity({ type: 'message', text, channelData: { vastaa: { chatEnded: true } } });
      },
    );
    // An agent who holds the case keeps it; the goodbye is in the transcript, and the console shows it now.
    if (!abandoned && record?.openCaseId) await this.deps.desk.customerWrote(await this.deps.desk.getCase(record.openCaseId));
    return abandoned ? { abandoned } : {};
  }

  /** Stores the comment on the rating the visitor just gave, personal data masked; false when there is no rating. */
  async comment(identity: ChatIdentity, text: string): Promise<boolean> {
    if (identity.conversationId === undefined) return false;
    const masked = maskPersonalData(text.slice(0, MAX_RATING_COMMENT)).text;
    return (await this.deps.desk.commentOnRating(conversationKey(this.deps.channelId, identity.conversationId), masked)) !== undefined;
  }

  private async restore(conversationId: string): Promise<boolean> {
    const messages = (await this.deps.history(conversationId)).filter((activity) => activity.type === 'message');
    if (messages.length === 0) return false;
    return this.deps.conversations.restore(conversationId, messages);
  }
}
