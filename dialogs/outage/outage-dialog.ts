import type { TurnContext } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { BackendError } from '../../core/index.js';
import type { Outage, OutageFeed, OutageService } from './outage-feed-schema.js';
import { PlaceMatcher, type PlaceMention } from './places/index.js';
import { dialogTurn, type AnswerableDialog, type DialogDeps, type DialogTurn } from '../dialog-deps.js';
import { currentOutages, describeAllOutages, describeOutagesAt, relevantOutages } from './outage-answer.js';
import { askedServices } from './asked-services.js';
import { reply } from '../reply.js';
import type { RouteOutcome } from '../route-outcome.js';
import { followUpButtons } from '../suggestions.js';

export const OUTAGE_DIALOG = 'outage';
const STEPS = 'outage_steps';
const AREA_PROMPT = 'outage_area_prompt';

export interface OutageDialogOptions {
  /** The message that started the dialog; it may already name the place. */
  text: string;
}

/**
 * "Onko Tampereella sähkökatko?": answers from the outage feed for the place the customer names.
 * Without a place, and only when there are outages at all, asks for it once, then answers for the
 * place or (if none is recognised) with every current outage. A feed that fails gets an honest
 * "I can't check now" and a person, and one log line with the cause.
 */
export class OutageDialog extends ComponentDialog implements AnswerableDialog {
  readonly intent = 'outage';
  /** Area names from the last feed read, so "Kalliossa" is understood when the feed names Kallio. */
  private matcher = new PlaceMatcher();

  constructor(
    private readonly deps: DialogDeps,
    private readonly feed: OutageFeed,
  ) {
    super(OUTAGE_DIALOG);
    this.addDialog(new TextPrompt(AREA_PROMPT));
    this.addDialog(new WaterfallDialog(STEPS, [this.answerOrAsk.bind(this), this.answerAfterAsking.bind(this)]));
    this.initialDialogId = STEPS;
  }

  isAnswer(dc: DialogContext, text: string): boolean {
    return dc.child?.activeDialog?.id === AREA_PROMPT && this.namesPlace(text);
  }

  /** Whether the text names a place or a postal code; "entäs Turussa?" after an answer asks about another place. */
  namesPlace(text: string): boolean {
    const place = this.matcher.find(text);
    return place.area !== undefined || place.postalCode !== undefined;
  }

  private async answerOrAsk(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = dialogTurn(this.deps, step.context);
    const outages = await this.read(step.context, turn);
    if (!outages) return step.endDialog(answered);
    const text = (step.options as OutageDialogOptions).text;
    // Kept for the answer after asking the place: "onko sähkökatkoa?" -> "Helsingissä" is still about electricity.
    const asked = askedServices(text, turn.texts);
    (step.values as AskedValues).asked = asked;
    const place = this.remember(turn, this.matcher.find(text));
    if (place) return this.answer(step, turn, describeOutagesAt(outages, place, this.wording(turn), asked));
    if (relevantOutages(outages, asked, turn.texts).length === 0) return this.answer(step, turn, describeAllOutages(outages, this.wording(turn), true, asked));
    return step.prompt(AREA_PROMPT, { prompt: reply(turn.texts('outage_ask_area')!) });
  }

  private async answerAfterAsking(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = dialogTurn(this.deps, step.context);
    const outages = await this.read(step.context, turn);
    if (!outages) return step.endDialog(answered);
    const place = this.remember(turn, this.matcher.find(String(step.result ?? '')));
    const asked = (step.values as AskedValues).asked ?? [];
    if (place) return this.answer(step, turn, describeOutagesAt(outages, place, this.wording(turn), asked));
    return this.answer(step, turn, describeAllOutages(outages, this.wording(turn), false, asked));
  }

  /** Every outage answer offers a person first: "no outage here" and "still broken" both lead there. */
  private async answer(step: WaterfallStepContext, turn: DialogTurn, text: string): Promise<DialogTurnResult> {
    await step.context.sendActivity(reply(text, followUpButtons(turn.content, this.intent, turn.language, { person: true })));
    return step.endDialog(answered);
  }

  /** The current outages, or undefined after telling the customer the feed cannot be read. */
  private async read(context: TurnContext, turn: DialogTurn): Promise<Outage[] | undefined> {
    try {
      const all = await this.feed.outages();
      this.matcher = new PlaceMatcher([...new Set(all.flatMap((outage) => outage.areas))]);
      return currentOutages(all, turn.now);
    } catch (error) {
      if (!(error instanceof BackendError)) throw error;
      this.deps.logger.error('outage feed failed', { failure: error.failure, cause: error.message, conversation: context.activity.conversation?.id });
      await context.sendActivity(reply(turn.texts('outage_unavailable')!, followUpButtons(turn.content, this.intent, turn.language, { person: true })));
      return undefined;
    }
  }

  /** Keeps the place for the agent's summary, so the customer never repeats it to a person. */
  private remember(turn: DialogTurn, place: PlaceMention): PlaceMention | undefined {
    if (place.area) turn.data.details.area = place.area;
    if (place.postalCode) turn.data.details.postalCode = place.postalCode;
    return place.area || place.postalCode ? place : undefined;
  }

  private wording(turn: DialogTurn) {
    return { texts: turn.texts, language: turn.language, now: turn.now, timeZone: turn.timeZone };
  }
}

/** What the first step keeps for the second. */
interface AskedValues {
  asked?: OutageService[];
}

const answered: RouteOutcome = { kind: 'answered', intent: 'outage' };
