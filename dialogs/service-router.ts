import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Intent } from '../content/index.js';
import type { Language } from '../core/index.js';
import type { NluResult } from '../nlu/index.js';
import type { ContentSource } from './bot-content.js';
import { newConversationData, type ConversationData } from './conversation-data.js';
import type { KnownDialog } from './known-dialogs.js';
import { say } from './messages.js';
import { answerOpeningHours } from './opening-hours-answer.js';
import { reply, type Suggestion } from './reply.js';
import type { RouteOutcome } from './route-outcome.js';

export interface ServiceRouterDeps {
  content: ContentSource;
  conversationData: StatePropertyAccessor<ConversationData>;
  /** The clock; tests pass a fixed one so "are you open now" has one right answer. */
  now: () => Date;
}

/**
 * Decides what the bot does with one recognised customer message: answer an intent plainly,
 * ask which of two close intents was meant, or say it did not understand and offer the main topics.
 */
export class ServiceRouter {
  constructor(private readonly deps: ServiceRouterDeps) {}

  async onMessage(context: TurnContext, nlu: NluResult): Promise<RouteOutcome> {
    const data = await this.deps.conversationData.get(context, newConversationData());
    data.language = nlu.language;
    const { content } = this.deps.content.current();
    const intent = nlu.intent ? content.intents.find((candidate) => candidate.name === nlu.intent) : undefined;
    if (intent) {
      data.lastIntent = intent.name;
      await context.sendActivity(this.answer(intent, nlu.language, data, context.activity.text ?? ''));
      return { kind: 'answered', intent: intent.name };
    }
    if (nlu.verdict === 'ambiguous') {
      const options = nlu.ranking
        .slice(0, 2)
        .map((ranked) => content.intents.find((candidate) => candidate.name === ranked.intent))
        .filter((candidate): candidate is Intent => candidate !== undefined);
      await context.sendActivity(reply(say(content.messages, 'which_one', nlu.language), options.map((option) => this.topicButton(option, nlu.language))));
      return { kind: 'clarify' };
    }
    await this.notUnderstood(context, nlu.language);
    return { kind: 'not_understood' };
  }

  /**
   * The multi-turn dialog waiting for the customer's answer, if any. While one runs, a message the
   * NLU cannot place (an order number, a postal code) is an answer to it, not a failed turn.
   */
  async activeDialog(_context: TurnContext): Promise<string | undefined> {
    // No multi-turn dialogs are registered yet; every intent is answered within one turn.
    return undefined;
  }

  /** Ends any running dialog, e.g. when a person takes over. */
  async cancelDialogs(_context: TurnContext): Promise<void> {
    // Nothing to end while no multi-turn dialogs are registered.
  }

  async welcome(context: TurnContext, language: Language): Promise<void> {
    const { content } = this.deps.content.current();
    await context.sendActivity(reply(say(content.messages, 'welcome', language), this.menu(language)));
  }

  async emptyMessage(context: TurnContext, language: Language): Promise<void> {
    const { content } = this.deps.content.current();
    await context.sendActivity(reply(say(content.messages, 'empty_message', language), this.menu(language)));
  }

  private async notUnderstood(context: TurnContext, language: Language): Promise<void> {
    const { content } = this.deps.content.current();
    await context.sendActivity(reply(say(content.messages, 'not_understood', language), this.menu(language)));
  }

  /**
   * An intent's answer in the customer's language with its follow-ups as buttons: from the intent's
   * dialog when it has one, else its written answers in turn.
   */
  private answer(intent: Intent, language: Language, data: ConversationData, text: string) {
    const followUps = intent.followUps[language].map((title) => ({ title }));
    const fromDialog = this.dialogAnswer(intent, language, text);
    if (fromDialog) return reply(fromDialog, followUps);
    const count = data.answered[intent.name] ?? 0;
    data.answered[intent.name] = count + 1;
    const answers = intent.answers[language];
    return reply(answers[count % answers.length]!, followUps);
  }

  private dialogAnswer(intent: Intent, language: Language, text: string): string | undefined {
    const dialog = intent.dialog as KnownDialog | undefined;
    if (dialog === undefined) return undefined;
    switch (dialog) {
      case 'opening_hours':
        return answerOpeningHours(this.deps.content.current().content, text, language, this.deps.now());
      default:
        return dialog satisfies never;
    }
  }

  /** The main topics (intents with a `menu:` position), each a button that starts that intent. */
  menu(language: Language): Suggestion[] {
    const { content } = this.deps.content.current();
    return content.intents
      .filter((intent) => intent.menu !== undefined)
      .sort((a, b) => a.menu! - b.menu!)
      .map((intent) => this.topicButton(intent, language));
  }

  private topicButton(intent: Intent, language: Language): Suggestion {
    return { title: intent.title[language], intent: intent.name };
  }
}
