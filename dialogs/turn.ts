import type { Activity, TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import type { Content, MessageCatalog } from '../core/content/index.js';
import type { Language, PersonalDataKind } from '../core/index.js';
import type { AnalysedText, NluResult } from '../core/nlu/index.js';
import type { ConversationData } from './conversation-data.js';

/**
 * One customer message, decided once when it arrives (bot/turn/turn-builder.ts) and read by every part
 * of the flow. Before it, the state was read four times, the language decided in seven places by
 * different rules and the dialog context built three times, so the parts could disagree.
 */
export interface Turn {
  readonly context: TurnContext;
  /** The conversation's memory, read once and upgraded to the current shape; changes are saved at the end of the turn. */
  readonly data: ConversationData;
  /** The language of this turn's replies (`turnLanguage`). */
  readonly language: Language;
  /**
   * Null for a message without text (an image, a sticker). For an elliptical follow-up ("entäs
   * Turussa?") it names the topic continued, confidently (`followUpOf`, `continuing`).
   */
  readonly nlu: NluResult | null;
  /**
   * The message's text (`activity.text`, '' without one) as the NLU tokenised, stemmed and featurised
   * it: the upset detector reads it instead of doing that work again.
   */
  readonly analysedText: AnalysedText;
  /** Personal data that was masked out of the message before anything stored it. */
  readonly personalData: readonly PersonalDataKind[];
  /** The multi-turn dialogs' context, created once for the turn. */
  readonly dialogs: DialogContext;
  /** The content of this moment: a reload during the turn does not change it halfway. */
  readonly content: Content;
  readonly messages: MessageCatalog;
  /**
   * The conversation so far: the stored transcript, this turn's incoming message and everything sent
   * in this turn until now (no traces). A new array on every call, so a caller's copy never changes under it.
   */
  transcript(): Promise<Partial<Activity>[]>;
}

const TURN = Symbol('vastaa.turn');

/** Keeps the turn with its context, for the dialogs (which get only the context) and the turn-error handler. */
export function attachTurn(turn: Turn): void {
  turn.context.turnState.set(TURN, turn);
}

/** The turn built for this context, or undefined when it failed before the turn was built. */
export function findTurn(context: TurnContext): Turn | undefined {
  return context.turnState.get(TURN) as Turn | undefined;
}

export function turnOf(context: TurnContext): Turn {
  const turn = findTurn(context);
  if (!turn) throw new Error('turnOf(): no turn for this context; messages must go through VastaaBot, which builds the turn before the flow runs');
  return turn;
}
