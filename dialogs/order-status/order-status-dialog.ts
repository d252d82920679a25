import type { TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { BackendError } from '../../core/index.js';
import type { Order, OrderApi } from './order-schema.js';
import { customerKey } from '../../handoff/index.js';
import type { VerificationAttempts, VerificationStanding } from './verification-attempts.js';
import { dialogTurn, type AnswerableDialog, type DialogDeps, type DialogTurn } from '../dialog-deps.js';
import { describeOrder } from './order-answer.js';
import { parseOrderNumber, parseVerification, type VerificationAnswer } from './order-number.js';
import { reply } from '../reply.js';
import type { RouteOutcome } from '../route-outcome.js';
import { followUpButtons } from '../suggestions.js';

export const ORDER_STATUS_DIALOG = 'order_status';
const STEPS = 'order_status_steps';
const NUMBER_PROMPT = 'order_number_prompt';
const VERIFY_PROMPT = 'order_verification_prompt';

/** Where a failed verification is noted for the router when the dialog goes on (turn state key). */
const FAILED_THIS_TURN = Symbol('order_verification_failed');

/** This turn's failed verification, if any: what the escalation policy needs (see RouteOutcome). */
export function verificationFailedThisTurn(context: TurnContext): Extract<RouteOutcome, { kind: 'verification_failed' }> | undefined {
  return context.turnState.get(FAILED_THIS_TURN) as Extract<RouteOutcome, { kind: 'verification_failed' }> | undefined;
}

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
 * answer, so the dialog does not reveal which orders exist. Failures are counted per order and per
 * customer across conversations (`VerificationAttempts`); once either is locked, every answer about
 * that order ends the dialog the same way, right details or wrong, without looking the order up, and
 * sends nothing: the escalation policy decides the handoff from the `verification_failed` outcome.
 * Only runs in private conversations (the router checks).
 */
export class OrderStatusDialog extends ComponentDialog implements AnswerableDialog {
  readonly intent = 'order_status';

  constructor(
    private readonly deps: DialogDeps,
    private readonly orders: OrderApi,
    private readonly attempts: VerificationAttempts,
  ) {
    super(ORDER_STATUS_DIALOG);
    // A validator that accepts the second bad answer lets the next step give up instead of asking forever.
    this.addDialog(
      new TextPrompt(
        NUMBER_PROMPT,
        async (prompt: PromptValidatorContext<string>) => parseOrderNumber(prompt.recognized.value ?? '') !== undefined || prompt.attemptCount >= 2,
      ),
    );
    this.addDialog(
      new TextPrompt(
        VERIFY_PROMPT,
        async (prompt: PromptValidatorContext<string>) => parseVerification(prompt.recognized.value ?? '') !== undefined || prompt.attemptCount >= 2,
      ),
    );
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
    const turn = dialogTurn(this.deps, step.context);
    return step.prompt(NUMBER_PROMPT, { prompt: reply(turn.texts('order_ask_number')!), retryPrompt: reply(turn.texts('order_ask_number_again')!) });
  }

  private async askVerification(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = dialogTurn(this.deps, step.context);
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
    const turn = dialogTurn(this.deps, step.context);
    const answer = parseVerification(String(step.result ?? ''));
    if (!answer) return this.giveUp(step, turn, 'order_verification_gave_up');
    const orderNumber = answer.orderNumber ?? (step.values as StepValues).orderNumber!;
    if (!answer.email && !answer.postalCode) {
      // Only a (corrected) order number: ask for the details of that one.
      return step.replaceDialog(STEPS, { orderNumber } satisfies OrderStatusOptions);
    }
    const activity = step.context.activity;
    const subject = { orderNumber, customerKey: customerKey(activity.channelId, activity.from.id) };
    // Checked before the lookup: during the cool-down the right details must get the same answer as wrong ones.
    const before = await this.attempts.standing(subject, turn.now);
    if (before.lockedUntil) {
      this.deps.logger.info('order verification refused during cool-down', { failures: before.failures, until: before.lockedUntil.toISOString() });
      return this.failed(step, before);
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
      const standing = await this.attempts.recordFailure(subject, turn.now);
      this.deps.logger.info('order verification failed', {
        attempt: standing.failures,
        with: answer.email ? 'email' : 'postal_code',
        known: order !== undefined,
        locked: standing.lockedUntil !== undefined,
      });
      if (standing.lockedUntil) return this.failed(step, standing);
      step.context.turnState.set(FAILED_THIS_TURN, {
        kind: 'verification_failed',
        failures: standing.failures,
        locked: false,
        intent: this.intent,
      } satisfies RouteOutcome);
      return step.replaceDialog(STEPS, { orderNumber, retry: true } satisfies OrderStatusOptions);
    }
    const described = describeOrder(order, turn.texts, turn.language, turn.now, turn.timeZone);
    await step.context.sendActivity(reply(described.text, followUpButtons(turn.content, this.intent, turn.language, { person: described.offerPerson })));
    return step.endDialog({ kind: 'answered', intent: this.intent } satisfies RouteOutcome);
  }

  /** Locked: ends the dialog saying nothing, so what comes next (the policy's handoff) is the same whatever was typed. */
  private async failed(step: WaterfallStepContext, standing: VerificationStanding): Promise<DialogTurnResult> {
    return step.endDialog({ kind: 'verification_failed', failures: standing.failures, locked: true, intent: this.intent } satisfies RouteOutcome);
  }

  /** Ends the dialog with an honest message and a person one tap away. */
  private async giveUp(
    step: WaterfallStepContext,
    turn: DialogTurn,
    key: 'order_number_gave_up' | 'order_verification_gave_up' | 'order_unavailable',
  ): Promise<DialogTurnResult> {
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
