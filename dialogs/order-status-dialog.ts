import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { BackendError, type Order, type OrderApi } from '../backends/index.js';
import { dialogTurn, type AnswerableDialog, type DialogDeps, type DialogTurn } from './dialog-deps.js';
import { describeOrder } from './order-answer.js';
import { parseOrderNumber, parseVerification, type VerificationAnswer } from './order-number.js';
import { reply } from './reply.js';
import type { RouteOutcome } from './route-outcome.js';
import { followUpButtons } from './suggestions.js';

export const ORDER_STATUS_DIALOG = 'order_status';
const STEPS = 'order_status_steps';
const NUMBER_PROMPT = 'order_number_prompt';
const VERIFY_PROMPT = 'order_verification_prompt';

/** Failed verifications in one conversation before a person takes over (reason sensitive_topic), unless configured. */
export const MAX_FAILED_VERIFICATIONS = 3;

interface StepValues {
  orderNumber?: string;
}

export interface OrderStatusOptions {
  /** Given when the first message already had it ("missä on tilaus 123456"). */
  orderNumber?: string;
  /** Set when the last verification failed, so the question says the details did not match. */
  retry?: boolean;
}

/**
 * "Missä mun paketti on?": asks for the order number (re-asks once with an example), then for the
 * email address or postal code on the order, and only when they match tells the status, the expected
 * delivery day and the carrier's tracking link. Wrong details and unknown order numbers get the same
 * answer, so the dialog does not reveal which orders exist. The third (MAX_VERIFICATION_FAILURES) failed
 * verification in a conversation ends the dialog with a handoff outcome and sends nothing: the handoff flow tells the
 * customer what happens next. Only runs in private conversations (the router checks).
 */
export class OrderStatusDialog extends ComponentDialog implements AnswerableDialog {
  readonly intent = 'order_status';

  constructor(
    private readonly deps: DialogDeps,
    private readonly orders: OrderApi,
    private readonly maxFailures: number = MAX_FAILED_VERIFICATIONS,
  ) {
    super(ORDER_STATUS_DIALOG);
    // A validator that accepts the second bad answer lets the next step give up instead of asking forever.
    this.addDialog(new TextPrompt(NUMBER_PROMPT, async (prompt: PromptValidatorContext<string>) => parseOrderNumber(prompt.recognized.value ?? '') !== undefined || prompt.attemptCount >= 2));
    this.addDialog(new TextPrompt(VERIFY_PROMPT, async (prompt: PromptValidatorContext<string>) => parseVerification(prompt.recognized.value ?? '') !== undefined || prompt.attemptCount >= 2));
    this.addDialog(new WaterfallDialog(STEPS, [this.askNumber.bind(this), this.askVerification.bind(this), this.verifyAndAnswer.bind(this)]));
    this.initialDialogId = STEPS;
  }

  isAnswer(dc: DialogContext, text: string): boolean {
    switch (dc.child?.activeDialog?.id) {
      case NUMBER_PROMPT:
        return parseOrderNumber(text) !== undefined;
      case VERIFY_PROMPT:
        return parseVerification(text) !== undefined;
      default:
        return false;
    }
  }

  private async askNumber(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as OrderStatusOptions;
    if (options.orderNumber) return step.next(options.orderNumber);
    const turn = await dialogTurn(this.deps, step.context);
    return step.prompt(NUMBER_PROMPT, { prompt: reply(turn.texts('order_ask_number')!), retryPrompt: reply(turn.texts('order_ask_number_again')!) });
  }

  private async askVerification(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = await dialogTurn(this.deps, step.context);
    const orderNumber = parseOrderNumber(String(step.result ?? ''));
    if (!orderNumber) return this.giveUp(step, turn, 'order_number_gave_up');
    (step.values as StepValues).orderNumber = orderNumber;
    turn.data.details.orderNumber = orderNumber;
    const retry = (step.options as OrderStatusOptions).retry === true;
    return step.prompt(VERIFY_PROMPT, {
      prompt: reply(turn.texts(retry ? 'order_verification_failed' : 'order_ask_verification', { order: orderNumber })!),
      retryPrompt: reply(turn.texts('order_ask_verification_again', { order: orderNumber })!),
    });
  }

  private async verifyAndAnswer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = await dialogTurn(this.deps, step.context);
    const answer = parseVerification(String(step.result ?? ''));
    if (!answer) return this.giveUp(step, turn, 'order_verification_gave_up');
    const orderNumber = answer.orderNumber ?? (step.values as StepValues).orderNumber!;
    if (!answer.email && !answer.postalCode) {
      // Only a (corrected) order number: ask for the details of that one.
      return step.replaceDialog(STEPS, { orderNumber } satisfies OrderStatusOptions);
    }
    let order: Order | undefined;
    try {
      order = await this.orders.findOrder(orderNumber);
    } catch (error) {
      if (!(error instanceof BackendError)) throw error;
      this.deps.logger.error('order API failed', { failure: error.failure, cause: error.message, conversation: step.context.activity.conversation?.id });
      return this.giveUp(step, turn, 'order_unavailable');
    }
    if (!order || !matches(order, answer)) {
      const failures = (turn.data.failedVerifications ?? 0) + 1;
      turn.data.failedVerifications = failures;
      this.deps.logger.info('order verification failed', { attempt: failures, with: answer.email ? 'email' : 'postal_code', known: order !== undefined });
      if (failures < this.maxFailures) return step.replaceDialog(STEPS, { orderNumber, retry: true } satisfies OrderStatusOptions);
      turn.data.failedVerifications = 0;
      return step.endDialog({ kind: 'handoff', reason: 'sensitive_topic', signal: 'verification_failed', intent: this.intent } satisfies RouteOutcome);
    }
    turn.data.failedVerifications = 0;
    await step.context.sendActivity(reply(describeOrder(order, turn.texts, turn.language, turn.now, turn.timeZone), followUpButtons(turn.content, this.intent, turn.language)));
    return step.endDialog({ kind: 'answered', intent: this.intent } satisfies RouteOutcome);
  }

  /** Ends the dialog with an honest message and a person one tap away. */
  private async giveUp(step: WaterfallStepContext, turn: DialogTurn, key: 'order_number_gave_up' | 'order_verification_gave_up' | 'order_unavailable'): Promise<DialogTurnResult> {
    await step.context.sendActivity(reply(turn.texts(key)!, followUpButtons(turn.content, this.intent, turn.language, { person: true })));
    return step.endDialog({ kind: 'answered', intent: this.intent } satisfies RouteOutcome);
  }
}

/** Every detail the customer gave must match the order: the email in any case, the postal code exactly. */
function matches(order: Order, answer: VerificationAnswer): boolean {
  if (answer.email && answer.email.trim().toLowerCase() !== order.email.trim().toLowerCase()) return false;
  if (answer.postalCode && answer.postalCode !== order.postalCode) return false;
  return true;
}
