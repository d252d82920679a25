import { ActivityTypes, type Activity } from 'botbuilder';
import { type Language } from '../../core/index.js';
import { reply, say, turnLanguage, type ContentSource } from '../../dialogs/index.js';
import { maskPersonalData } from '../../core/index.js';
import { AGENT_REPLY_MARK, type AgentDesk, type CaseRecord } from '../../handoff/index.js';
import type { ConversationSender } from './conversation-sender.js';
import type { ReplyDelivery } from './reply-delivery.js';

/** An agent as the customer sees them: replies are signed with `name`. */
export interface AgentIdentity {
  login: string;
  name: string;
}

/**
 * What agents do that reaches the customer: replies (signed with the agent's name, through the
 * adapter of the customer's own channel) and closing a case (the bot takes over and asks for a
 * rating). The case rules themselves are the desk's; this adds the delivery.
 */
export class AgentActions {
  constructor(
    private readonly desk: AgentDesk,
    private readonly sender: ConversationSender,
    private readonly content: ContentSource,
    /** DEFAULT_LANGUAGE, for a case whose recorded language the bot no longer speaks. */
    private readonly defaultLanguage: Language,
    /** Records what became of each reply (delivered, not connected, emailed); without it replies carry no delivery. */
    private readonly delivery?: ReplyDelivery,
  ) {}

  /**
   * Sends an agent's reply to the customer. Checks first that the agent holds the case, and records
   * the first-reply time only once the message has been delivered.
   */
  async reply(caseId: string, agent: AgentIdentity, text: string): Promise<CaseRecord> {
    const record = await this.desk.caseHeldBy(caseId, agent.login, 'replied');
    const signed = `${maskPersonalData(text.trim()).text}\n\n– ${agent.name}`;
    const messageId = await this.send(
      record,
      {
        type: ActivityTypes.Message,
        text: signed,
        channelData: { [AGENT_REPLY_MARK]: agent.login },
      },
      agent.name,
    );
    if (!this.delivery) return this.desk.recordAgentReply(caseId, agent.login);
    const delivery = this.delivery.stateAfterSend(record);
    const recorded = await this.desk.recordAgentReply(caseId, agent.login, { ...(messageId ? { messageId } : {}), delivery });
    const language = turnLanguage({ conversation: recorded.language, configured: this.defaultLanguage });
    this.delivery.followUp({ record: recorded, agentName: agent.name, text: signed, language }, messageId, delivery);
    return recorded;
  }

  /** Closes the case with a resolution note, then the bot asks the customer once for a rating. */
  async close(caseId: string, agent: AgentIdentity, resolution: string): Promise<CaseRecord> {
    const closed = await this.desk.close(caseId, agent.login, resolution);
    const language = turnLanguage({ conversation: closed.language, configured: this.defaultLanguage });
    const { messages } = this.content;
    const ratings = [1, 2, 3, 4, 5].map((score) => ({ title: String(score), value: { rating: score } }));
    await this.send(closed, reply(say(messages, 'rating_prompt', language), ratings));
    return closed;
  }

  /** Sends into the case's conversation; resolves with the id the channel gave the activity, if any. */
  private async send(record: CaseRecord, activity: Partial<Activity>, fromName?: string): Promise<string | undefined> {
    let id: string | undefined;
    await this.sender.continueConversation(record.reference, async (context) => {
      // The agent speaks through the bot's account; the name shows who it is (Web Chat shows it).
      // Set after the conversation reference is applied, which would otherwise reset `from`.
      if (fromName) {
        context.onSendActivities(async (_context, activities, next) => {
          for (const outgoing of activities) outgoing.from = { id: outgoing.from?.id ?? '', ...outgoing.from, name: fromName };
          return next();
        });
      }
      id = (await context.sendActivity(activity))?.id || undefined;
    });
    return id;
  }
}
