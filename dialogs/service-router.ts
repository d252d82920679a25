import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog, type DialogContext, type DialogState, type DialogTurnResult } from 'botbuilder-dialogs';
import type { OrderApi } from './order-status/order-schema.js';
import type { OutageFeed } from './outage/outage-feed-schema.js';
import type { VerificationAttempts } from './order-status/verification-attempts.js';
import type { Intent } from '../core/content/index.js';
import type { Language, Logger } from '../core/index.js';
import type { NluResult } from '../core/nlu/index.js';
import type { ContentSource } from './bot-content.js';
import { newConversationData, type ConversationData } from './conversation-data.js';
import type { AnswerableDialog, DialogDeps } from './dialog-deps.js';
import type { KnownDialog } from './known-dialogs.js';
import { say } from './messages.js';
import { answerOpeningHours } from './opening-hours/opening-hours-answer.js';
import { findOrderNumber } from './order-status/order-number.js';
import { ORDER_STATUS_DIALOG, OrderStatusDialog, verificationFailedThisTurn, type OrderStatusOptions } from './order-status/order-status-dialog.js';
import { OUTAGE_DIALOG, OutageDialog, type OutageDialogOptions } from './outage/outage-dialog.js';
import { isPublicConversation, type PrivacyRule } from './privacy.js';
import { reply, type Suggestion } from './reply.js';
import type { RouteOutcome } from './route-outcome.js';
import { followUpButtons, menuButtons, topicButton } from './suggestions.js';

/** The intent that ends a running dialog ("never mind", "antaa olla"). */
export const CANCEL_INTENT = 'cancel';

export interface ServiceRouterDeps {
  content: ContentSource;
  conversationData: StatePropertyAccessor<ConversationData>;
  /** Where the multi-turn dialogs keep their place between turns (in the conversation state). */
  dialogState: StatePropertyAccessor<DialogState>;
  /** The clock; tests pass a fixed one so "are you open now" has one right answer. */
  now: () => Date;
  logger: Logger;
  outages: OutageFeed;
  orders: OrderApi;
  /** Which conversations are public, and the link that moves a customer to a private chat. */
  privacy: PrivacyRule & { privateChatUrl?: string };
  /** Failed order verifications per order and customer, across conversations and restarts. */
  verificationAttempts: VerificationAttempts;
}

/**
 * Decides what the bot does with one recognised customer message: continue the dialog waiting for an
 * answer, answer an intent (plainly or by starting its dialog), ask which of two close intents was
 * meant, or say it did not understand and offer the main topics. A customer can leave a dialog at any
 * time by asking something else or cancelling.
 */
export class ServiceRouter {
  private readonly dialogs: DialogSet;
  private readonly answerable = new Map<string, Dialog & AnswerableDialog>();

  constructor(private readonly deps: ServiceRouterDeps) {
    const dialogDeps: DialogDeps = { content: deps.content, conversationData: deps.conversationData, now: deps.now, logger: deps.logger };
    this.dialogs = new DialogSet(deps.dialogState);
    for (const dialog of [new OutageDialog(dialogDeps, deps.outages), new OrderStatusDialog(dialogDeps, deps.orders, deps.verificationAttempts)]) {
      this.dialogs.add(dialog);
      this.answerable.set(dialog.id, dialog);
    }
  }

  async onMessage(context: TurnContext, nlu: NluResult): Promise<RouteOutcome> {
    const data = await this.deps.conversationData.get(context, newConversationData());
    const text = context.activity.text ?? '';
    const dc = await this.dialogs.createContext(context);
    const active = dc.activeDialog?.id;
    if (active) {
      const dialog = this.answerable.get(active);
      // An answer ("33100", an email address) or a wrong one ("abc") says little about the language,
      // so the dialog goes on in the conversation's language.
      if (dialog?.isAnswer(dc, text)) return this.outcomeOf(context, await dc.continueDialog(), active);
      if (nlu.intent === CANCEL_INTENT) {
        data.language = nlu.language;
        await dc.cancelAllDialogs();
        await this.answerIntent(context, this.intentNamed(CANCEL_INTENT)!, nlu.language, data);
        return { kind: 'cancelled', dialog: active };
      }
      // Nothing recognised, or the same topic again: a (wrong) answer to the dialog's question, never "not understood".
      if (dialog && (!nlu.intent || nlu.intent === dialog.intent)) return this.outcomeOf(context, await dc.continueDialog(), active);
      // Another topic ("actually, are you open on Sunday?"): the dialog ends and the new question is answered.
      await dc.cancelAllDialogs();
    }
    data.language = nlu.language;
    const intent = nlu.intent ? this.intentNamed(nlu.intent) : undefined;
    if (intent) {
      data.lastIntent = intent.name;
      return this.route(context, dc, intent, nlu.language, data);
    }
    const { content } = this.deps.content.current();
    if (nlu.verdict === 'ambiguous') {
      const options = nlu.ranking
        .slice(0, 2)
        .map((ranked) => this.intentNamed(ranked.intent))
        .filter((candidate): candidate is Intent => candidate !== undefined);
      await context.sendActivity(reply(say(content.messages, 'which_one', nlu.language), options.map((option) => topicButton(option, nlu.language))));
      return { kind: 'clarify' };
    }
    await context.sendActivity(reply(say(content.messages, 'not_understood', nlu.language), menuButtons(content, nlu.language)));
    return { kind: 'not_understood' };
  }

  /**
   * The multi-turn dialog waiting for the customer's answer, if any. While one runs, a message the
   * NLU cannot place (an order number, a postal code) is an answer to it, not a failed turn.
   */
  async activeDialog(context: TurnContext): Promise<string | undefined> {
    return (await this.dialogs.createContext(context)).activeDialog?.id;
  }

  /** Ends any running dialog, e.g. when a person takes over. */
  async cancelDialogs(context: TurnContext): Promise<void> {
    await (await this.dialogs.createContext(context)).cancelAllDialogs();
  }

  async welcome(context: TurnContext, language: Language): Promise<void> {
    const { content } = this.deps.content.current();
    await context.sendActivity(reply(say(content.messages, 'welcome', language), menuButtons(content, language)));
  }

  async emptyMessage(context: TurnContext, language: Language): Promise<void> {
    const { content } = this.deps.content.current();
    await context.sendActivity(reply(say(content.messages, 'empty_message', language), menuButtons(content, language)));
  }

  /** The main topics (intents with a `menu:` position), each a button that starts that intent. */
  menu(language: Language): Suggestion[] {
    return menuButtons(this.deps.content.current().content, language);
  }

  /** An intent's answer: from its dialog when it names one, else its written answers. */
  private async route(context: TurnContext, dc: DialogContext, intent: Intent, language: Language, data: ConversationData): Promise<RouteOutcome> {
    const dialog = intent.dialog as KnownDialog | undefined;
    const text = context.activity.text ?? '';
    switch (dialog) {
      case undefined:
        break;
      case 'opening_hours': {
        const answer = answerOpeningHours(this.deps.content.current().content, text, language, this.deps.now());
        if (answer) {
          await context.sendActivity(reply(answer, this.followUps(intent, language)));
          return { kind: 'answered', intent: intent.name };
        }
        break;
      }
      case 'outage':
        return this.outcomeOf(context, await dc.beginDialog(OUTAGE_DIALOG, { text } satisfies OutageDialogOptions), OUTAGE_DIALOG);
      case 'order_status': {
        const orderNumber = findOrderNumber(text);
        if (orderNumber) data.details.orderNumber = orderNumber;
        if (isPublicConversation(context.activity, this.deps.privacy)) return this.movePrivate(context, intent, language);
        return this.outcomeOf(context, await dc.beginDialog(ORDER_STATUS_DIALOG, (orderNumber ? { orderNumber } : {}) satisfies OrderStatusOptions), ORDER_STATUS_DIALOG);
      }
      default:
        return dialog satisfies never;
    }
    await this.answerIntent(context, intent, language, data);
    return { kind: 'answered', intent: intent.name };
  }

  /** In a public thread nothing about an order is said or asked: the customer is asked to message privately. */
  private async movePrivate(context: TurnContext, intent: Intent, language: Language): Promise<RouteOutcome> {
    const { content } = this.deps.content.current();
    // The link goes in the text, not a button: Messenger quick replies cannot open addresses.
    const url = this.deps.privacy.privateChatUrl;
    await context.sendActivity(reply(url ? say(content.messages, 'order_private_only_link', language, { url }) : say(content.messages, 'order_private_only', language)));
    return { kind: 'answered', intent: intent.name };
  }

  /** The intent's written answers in turn, with its follow-ups; "cancel" offers the main topics instead. */
  private async answerIntent(context: TurnContext, intent: Intent, language: Language, data: ConversationData): Promise<void> {
    const count = data.answered[intent.name] ?? 0;
    data.answered[intent.name] = count + 1;
    const answers = intent.answers[language];
    const buttons = intent.name === CANCEL_INTENT ? menuButtons(this.deps.content.current().content, language) : this.followUps(intent, language);
    await context.sendActivity(reply(answers[count % answers.length]!, buttons));
  }

  private followUps(intent: Intent, language: Language): Suggestion[] {
    return followUpButtons(this.deps.content.current().content, intent.name, language);
  }

  private outcomeOf(context: TurnContext, result: DialogTurnResult, dialog: string): RouteOutcome {
    if (result.status === DialogTurnStatus.waiting) return verificationFailedThisTurn(context) ?? { kind: 'in_dialog', dialog };
    const outcome = result.result as RouteOutcome | undefined;
    return outcome?.kind ? outcome : { kind: 'answered', intent: dialog };
  }

  private intentNamed(name: string): Intent | undefined {
    return this.deps.content.current().content.intents.find((candidate) => candidate.name === name);
  }
}
