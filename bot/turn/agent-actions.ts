import { ActivityTypes, type Activity } from 'botbuilder';
import { type Language, type Logger } from '../../core/index.js';
import { joinedLine, leftLine, reply, say, transferLine, turnLanguage, type ContentSource, type TransferTarget } from '../../dialogs/index.js';
import { maskPersonalData } from '../../core/index.js';
import { AGENT_REPLY_MARK, EVENT_LINE_MARK, type AgentDesk, type CaseRecord } from '../../handoff/index.js';
import type { ConversationSender } from './conversation-sender.js';
import type { ReplyDelivery } from './reply-delivery.js';

/** An agent as the customer sees them: replies are signed with `name`. */
export interface AgentIdentity {
  login: string;
  name: string;
}

/**
 * What agents do that reaches the customer: replies (signed with the agent's name, through the
 * adapter of the customer's own channel), the event lines of claiming, transferring, releasing and
 * closing (the customer knows who is talking), the agent's typing, and closing a case (the bot takes
 * over and asks for a rating). The case rules themselves are the desk's; this adds the delivery.
 */
export class AgentActions {
  constructor(
    private readonly desk: AgentDesk,
    private readonly sender: ConversationSender,
    private readonly content: ContentSource,
    /** DEFAULT_LANGUAGE, for a case whose recorded language the bot no longer speaks. */
    private readonly defaultLanguage: Language,
    private readonly logger?: Logger,
    /** Records what became of each reply (delivered, not connected, emailed); without it replies carry no delivery. */
    private readonly delivery?: ReplyDelivery,
  ) {}

  /** The agent takes the case from the queue; the customer reads "Vili joined the conversation". */
  async claim(caseId: string, agent: AgentIdentity): Promise<CaseRecord> {
    const claimed = await this.desk.claim(caseId, agent.login);
    await this.announce(claimed, 'joined', (messages, language) => joinedLine(messages, language, agent.name));
    return claimed;
  }

  /** Tells the customer that the agent now holding the case (routed to them) joined; the desk made the change. */
  async announceJoined(caseId: string, agent: AgentIdentity): Promise<void> {
    const record = await this.desk.caseHeldBy(caseId, agent.login, 'replied');
    await this.announce(record, 'joined', (messages, language) => joinedLine(messages, language, agent.name));
  }

  /** The agent puts the case back in the queue; the customer reads "Vili left the conversation. The bot continues." */
  async release(caseId: string, agent: AgentIdentity): Promise<CaseRecord> {
    const released = await this.desk.release(caseId, agent.login);
    await this.announce(released, 'left', (messages, language) => leftLine(messages, language, agent.name));
    return released;
  }

  /**
   * The agent hands the case to another agent or to a team's queue, with an optional note for whoever
   * takes it; the customer reads "Vili transferred you to Anna" (or to the team).
   */
  async transfer(caseId: string, agent: AgentIdentity, to: { agent: AgentIdentity } | { team: string }, note?: string): Promise<CaseRecord> {
    const transferred = await this.desk.transfer(caseId, agent.login, 'agent' in to ? { agent: to.agent.login } : { team: to.team }, note);
    await this.announceTransfer(transferred, agent, 'agent' in to ? { kind: 'agent', name: to.agent.name } : { kind: 'team', name: to.team });
    return transferred;
  }

  /** Tells the customer of a transfer already made, to an agent or to a team ("… transferred you to the billing team"). */
  async announceTransfer(record: CaseRecord, from: AgentIdentity, to: TransferTarget): Promise<void> {
    await this.announce(record, 'transferred', (messages, language) => transferLine(messages, language, from.name, to));
  }

  /**
   * Shows the customer that the agent is typing (Web Chat's dots, Messenger's typing bubble). Only the
   * agent who holds the case may; nothing is stored and the case does not change. A channel that cannot
   * take it is only logged: the next signal comes in 3 s, and the reply reports its own failure.
   */
  async typing(caseId: string, agent: AgentIdentity): Promise<void> {
    const record = await this.desk.caseHeldBy(caseId, agent.login, 'replied');
    await this.sendSignal(record, { type: ActivityTypes.Typing }, agent.name).catch((error: unknown) =>
      this.logger?.debug("an agent's typing did not reach the customer", { caseId, error }),
    );
  }

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
    const delivery = await this.delivery.stateAfterSend(record);
    const recorded = await this.desk.recordAgentReply(caseId, agent.login, { ...(messageId ? { messageId } : {}), delivery });
    const language = turnLanguage({ conversation: recorded.language, configured: this.defaultLanguage });
    this.delivery.followUp({ record: recorded, agentName: agent.name, text: signed, language }, messageId, delivery);
    return recorded;
  }

  /** Closes the case with a resolution note, then the bot asks the customer once for a rating. */
  async close(caseId: string, agent: AgentIdentity, resolution: string): Promise<CaseRecord> {
    const closed = await this.desk.close(caseId, agent.login, resolution);
    await this.announce(closed, 'left', (messages, language) => leftLine(messages, language, agent.name));
    const language = this.languageOf(closed);
    const { messages } = this.content;
    const ratings = [1, 2, 3, 4, 5].map((score) => ({ title: String(score), value: { rating: score } }));
    await this.send(closed, reply(say(messages, 'rating_prompt', language), ratings));
    return closed;
  }

  /**
   * Sends an event line in the case's language. The change it tells of is already stored, so a line that
   * cannot be delivered (the customer's channel is down) is logged and the agent's action still succeeds.
   */
  private async announce(record: CaseRecord, event: string, line: (messages: ContentSource['messages'], language: Language) => string): Promise<void> {
    const text = line(this.content.messages, this.languageOf(record));
    try {
      await this.sendSignal(record, { type: ActivityTypes.Message, text, channelData: { [EVENT_LINE_MARK]: event } });
    } catch (error) {
      this.logger?.warn('could not tell the customer of an agent change', { caseId: record.id, event, error });
    }
  }

  private languageOf(record: CaseRecord): Language {
    return turnLanguage({ conversation: record.language, configured: this.defaultLanguage });
  }

  /**
   * Sends into the case's conversation; resolves with the id the channel gave the activity, if any.
   * `onFailure`: a failed send is handed to it inside the turn instead of failing the turn.
   */
  private async send(record: CaseRecord, activity: Partial<Activity>, fromName?: string, onFailure?: (error: unknown) => void): Promise<string | undefined> {
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
      if (!onFailure) {
        id = (await context.sendActivity(activity))?.id || undefined;
        return;
      }
      try {
        id = (await context.sendActivity(activity))?.id || undefined;
      } catch (error) {
        onFailure(error);
      }
    });
    return id;
  }

  /**
   * Sends an event line or a typing signal, and throws here if it cannot be delivered. A failure left
   * inside the turn reached the adapter's turn-error handler, which clears the customer's conversation
   * state and tries to apologise to them: for a typing signal, every 3 s.
   */
  private async sendSignal(record: CaseRecord, activity: Partial<Activity>, fromName?: string): Promise<void> {
    let failure: { error: unknown } | undefined;
    await this.send(record, activity, fromName, (error) => (failure = { error }));
    if (failure) throw failure.error;
  }
}
