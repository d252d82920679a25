import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  DialogSet,
  DialogTurnStatus,
  type Dialog,
  type DialogContext,
  type DialogState,
  type DialogStateManagerConfiguration,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import type { OrderApi } from './order-status/order-schema.js';
import type { OutageFeed } from './outage/outage-feed-schema.js';
import type { VerificationAttempts } from './order-status/verification-attempts.js';
import type { Content, Intent } from '../core/content/index.js';
import type { Language, Logger } from '../core/index.js';
import type { NluResult } from '../core/nlu/index.js';
import type { ContentSource } from './bot-content.js';
import { CANCEL_INTENT } from './cancel.js';
import type { BotAction } from '../handoff/index.js';
import type { AnswerableDialog, DialogDeps } from './dialog-deps.js';
import type { ConversationData } from './conversation-data.js';
import { findFollowUp, type FollowUp } from './follow-up.js';
import { followUpTopics } from './follow-up-topics.js';
import type { KnownDialog } from './known-dialogs.js';
import { say } from './messages.js';
import { answerOpeningHours } from './opening-hours/opening-hours-answer.js';
import { findOrderNumber } from './order-status/order-number.js';
import { ORDER_STATUS_DIALOG, OrderStatusDialog, verificationFailedThisTurn, type OrderStatusOptions } from './order-status/order-status-dialog.js';
import { OUTAGE_DIALOG, OutageDialog, type OutageDialogOptions } from './outage/outage-dialog.js';
import { isPublicConversation, type PrivacyRule } from './privacy.js';
import { reply, type Suggestion } from './reply.js';
import type { RouteOutcome } from './route-outcome.js';
import type { Turn } from './turn.js';
import { followUpButtons, menuButtons, personThenMenuButtons, topicButton } from './suggestions.js';
import { NOT_HELPFUL_INTENT } from './not-helpful.js';

export interface ServiceRouterDeps {
  content: ContentSource;
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

/** The turn-state key under which botbuilder-dialogs looks for a DialogStateManager's configuration (not exported by it). */
const DIALOG_STATE_MANAGER_CONFIGURATION = 'DialogStateManagerConfiguration';

/**
 * Decides what the bot does with one recognised customer message: continue the dialog waiting for an
 * answer, answer an intent (plainly or by starting its dialog), ask which of two close intents was
 * meant, or say it did not understand and offer the main topics. A customer can leave a dialog at any
 * time by asking something else or cancelling.
 */
export class ServiceRouter {
  private readonly dialogs: DialogSet;
  private readonly answerable = new Map<string, Dialog & AnswerableDialog>();
  private stateConfiguration: DialogStateManagerConfiguration | undefined;

  constructor(private readonly deps: ServiceRouterDeps) {
    const dialogDeps: DialogDeps = { now: deps.now, logger: deps.logger };
    this.dialogs = new DialogSet(deps.dialogState);
    for (const dialog of [new OutageDialog(dialogDeps, deps.outages), new OrderStatusDialog(dialogDeps, deps.orders, deps.verificationAttempts)]) {
      this.dialogs.add(dialog);
      this.answerable.set(dialog.id, dialog);
    }
  }

  /** The dialogs' context for a turn; the turn builder creates it once. */
  async createContext(context: TurnContext): Promise<DialogContext> {
    // botbuilder builds the memory scopes and path resolvers of a DialogStateManager afresh for every
    // turn unless the turn state holds them (its DialogStateManagerConfiguration key): zod checks of
    // every registered component and nine new scope objects, 2–3 % of a FAQ turn's CPU. They depend on
    // nothing of the turn (this bot sets no per-turn scopes), so the first turn's are kept for all.
    if (this.stateConfiguration) context.turnState.set(DIALOG_STATE_MANAGER_CONFIGURATION, this.stateConfiguration);
    const dc = await this.dialogs.createContext(context);
    this.stateConfiguration ??= dc.state.configuration;
    return dc;
  }

  /**
   * Whether the message goes to the dialog waiting for an answer: an answer to its question ("33100",
   * an email address), or a wrong one, or the same topic again; not "never mind", not another topic.
   * The turn builder asks it too, to keep such a message in the conversation's language.
   */
  continuesDialog(dc: DialogContext, nlu: NluResult, text: string): boolean {
    const active = dc.activeDialog?.id;
    if (!active) return false;
    const dialog = this.answerable.get(active);
    if (dialog?.isAnswer(dc, text)) return true;
    if (nlu.intent === CANCEL_INTENT) return false;
    return dialog !== undefined && (!nlu.intent || nlu.intent === dialog.intent);
  }

  /**
   * The earlier topic an elliptical message continues with a new detail ("entäs Turussa?" after an
   * outage answer, "what about Saturday?" after opening hours, a bare order number after an order
   * question another topic interrupted); undefined for anything else. The turn builder asks, so the
   * whole turn (the policy, the misses, the answer) takes the message as that topic.
   */
  followUpOf(nlu: NluResult, text: string, data: ConversationData, content: Content): FollowUp | undefined {
    const outage = this.answerable.get(OUTAGE_DIALOG) as OutageDialog;
    const topics = followUpTopics({ data, content, language: nlu.language, now: this.deps.now(), namesPlace: (place) => outage.namesPlace(place) });
    return findFollowUp({ text, nlu, ...topics });
  }

  /**
   * Answers the turn's message. `action` is the escalation policy's word on a message without an
   * intent: ask which of two close intents was meant, or say it was not understood.
   */
  async onMessage(turn: Turn, action: BotAction | undefined): Promise<RouteOutcome> {
    const { context, dialogs: dc, data, language } = turn;
    const nlu = turn.nlu!;
    const text = context.activity.text ?? '';
    const active = dc.activeDialog?.id;
    if (active) {
      if (this.continuesDialog(dc, nlu, text)) return this.outcomeOf(context, await dc.continueDialog(), active);
      await dc.cancelAllDialogs();
      // Remembered so a bare answer to its question later ("123456") still continues it; not after "never mind".
      if (nlu.intent !== CANCEL_INTENT) data.interruptedIntent = this.answerable.get(active)?.intent;
      if (nlu.intent === CANCEL_INTENT) {
        data.language = language;
        await this.answerIntent(turn, this.intentNamed(turn, CANCEL_INTENT)!);
        return { kind: 'cancelled', dialog: active };
      }
      // Another topic ("actually, are you open on Sunday?"): the dialog has ended and the new question is answered.
    }
    data.language = language;
    const intent = nlu.intent ? this.intentNamed(turn, nlu.intent) : undefined;
    if (intent) {
      data.lastIntent = intent.name;
      if (data.interruptedIntent === intent.name) delete data.interruptedIntent;
      return this.route(turn, intent);
    }
    const options = nlu.ranking
      .slice(0, 2)
      .map((ranked) => this.intentNamed(turn, ranked.intent))
      .filter((candidate): candidate is Intent => candidate !== undefined);
    if (action === 'clarify' && options.length === 2) {
      // The options are named in the text too: buttons alone are lost on a screen reader, in a
      // transcript an agent reads, and on channels that drop suggested actions.
      const [first, second] = options.map((option) => option.title[language]);
      await context.sendActivity(
        reply(
          say(turn.messages, 'which_one', language, { first: first!, second: second! }),
          options.map((option) => topicButton(option, language)),
        ),
      );
      return { kind: 'clarify' };
    }
    await context.sendActivity(reply(say(turn.messages, 'not_understood', language), menuButtons(turn.content, language)));
    return { kind: 'not_understood' };
  }

  /**
   * The multi-turn dialog waiting for the customer's answer, if any. While one runs, a message the
   * NLU cannot place (an order number, a postal code) is an answer to it, not a failed turn.
   */
  activeDialog(turn: Turn): string | undefined {
    return turn.dialogs.activeDialog?.id;
  }

  /** Ends any running dialog, e.g. when a person takes over. */
  async cancelDialogs(turn: Turn): Promise<void> {
    await turn.dialogs.cancelAllDialogs();
  }

  async welcome(context: TurnContext, language: Language): Promise<void> {
    const { content } = this.deps.content.current();
    await context.sendActivity(reply(say(this.deps.content.messages, 'welcome', language), menuButtons(content, language)));
  }

  async emptyMessage(turn: Turn): Promise<void> {
    await turn.context.sendActivity(reply(say(turn.messages, 'empty_message', turn.language), menuButtons(turn.content, turn.language)));
  }

  /** The main topics (intents with a `menu:` position), each a button that starts that intent. */
  menu(language: Language): Suggestion[] {
    return menuButtons(this.deps.content.current().content, language);
  }

  /** An intent's answer: from its dialog when it names one, else its written answers. */
  private async route(turn: Turn, intent: Intent): Promise<RouteOutcome> {
    const { context, dialogs: dc, language, data } = turn;
    const dialog = intent.dialog as KnownDialog | undefined;
    const text = context.activity.text ?? '';
    switch (dialog) {
      case undefined:
        break;
      case 'opening_hours': {
        const answer = answerOpeningHours(turn.content, text, language, this.deps.now());
        if (answer) {
          await context.sendActivity(reply(answer, followUpButtons(turn.content, intent.name, language)));
          return { kind: 'answered', intent: intent.name };
        }
        break;
      }
      case 'outage':
        return this.outcomeOf(context, await dc.beginDialog(OUTAGE_DIALOG, { text } satisfies OutageDialogOptions), OUTAGE_DIALOG);
      case 'order_status': {
        const orderNumber = findOrderNumber(text);
        if (orderNumber) data.details.orderNumber = orderNumber;
        if (isPublicConversation(context.activity, this.deps.privacy)) return this.movePrivate(turn, intent);
        return this.outcomeOf(
          context,
          await dc.beginDialog(ORDER_STATUS_DIALOG, (orderNumber ? { orderNumber } : {}) satisfies OrderStatusOptions),
          ORDER_STATUS_DIALOG,
        );
      }
      default:
        return dialog satisfies never;
    }
    await this.answerIntent(turn, intent);
    return { kind: 'answered', intent: intent.name };
  }

  /** In a public thread nothing about an order is said or asked: the customer is asked to message privately. */
  private async movePrivate(turn: Turn, intent: Intent): Promise<RouteOutcome> {
    // The link goes in the text, not a button: Messenger quick replies cannot open addresses.
    const url = this.deps.privacy.privateChatUrl;
    const { messages, language } = turn;
    await turn.context.sendActivity(reply(url ? say(messages, 'order_private_only_link', language, { url }) : say(messages, 'order_private_only', language)));
    return { kind: 'answered', intent: intent.name };
  }

  /**
   * The intent's written answers in turn, with its follow-ups; "cancel" offers the main topics instead,
   * "that didn't help" a person and the main topics.
   */
  private async answerIntent(turn: Turn, intent: Intent): Promise<void> {
    const { data, language, content } = turn;
    const count = data.answered[intent.name] ?? 0;
    data.answered[intent.name] = count + 1;
    const answers = intent.answers[language];
    const buttons =
      intent.name === CANCEL_INTENT
        ? menuButtons(content, language)
        : intent.name === NOT_HELPFUL_INTENT
          ? personThenMenuButtons(content, language)
          : followUpButtons(content, intent.name, language);
    await turn.context.sendActivity(reply(answers[count % answers.length]!, buttons));
  }

  private outcomeOf(context: TurnContext, result: DialogTurnResult, dialog: string): RouteOutcome {
    if (result.status === DialogTurnStatus.waiting) return verificationFailedThisTurn(context) ?? { kind: 'in_dialog', dialog };
    const outcome = result.result as RouteOutcome | undefined;
    return outcome?.kind ? outcome : { kind: 'answered', intent: dialog };
  }

  private intentNamed(turn: Turn, name: string): Intent | undefined {
    return turn.content.intents.find((candidate) => candidate.name === name);
  }
}
