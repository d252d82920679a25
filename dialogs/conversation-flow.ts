import type { Activity } from 'botbuilder';
import type { NluResult } from '../core/nlu/index.js';
import {
  accumulateFrustration,
  conversationKey,
  customerKey,
  decideHandoff,
  detectUpset,
  type ConversationIdentity,
  type ConversationRecord,
  sensitiveTopic,
  textForRepetition,
  type EscalationPolicy,
  type CustomerDesk,
  type TurnSignals,
} from '../handoff/index.js';
import { CANCEL_INTENT, cancelsRequest } from './cancel.js';
import type { EmailOffer } from './email-offer.js';
import { CANCEL_HANDOFF_VALUE, type HandoffFlow } from './handoff-flow.js';
import type { LearningRecorder } from './learning-recorder.js';
import { NOT_HELPFUL_INTENT } from './not-helpful.js';
import { handoffRequest, type HandoffDecided } from './handoff-request.js';
import { say } from './messages.js';
import { reply } from './reply.js';
import type { RouteOutcome } from './route-outcome.js';
import type { ServiceRouter } from './service-router.js';
import type { Turn } from './turn.js';

/**
 * The conversation of this turn as read at its start. `stored` false: its first message, the record
 * not written yet; the first change of the turn writes it (one write instead of two), or the end of
 * the turn does.
 */
interface NotedConversation {
  readonly identity: ConversationIdentity;
  readonly record: ConversationRecord;
  stored: boolean;
}

/** How many upset signals the summary keeps. */
const UPSET_SIGNALS_KEPT = 10;
/** How many earlier customer messages the upset detector compares a message with. */
const EARLIER_TEXTS_KEPT = 5;

export interface ConversationFlowDeps {
  router: ServiceRouter;
  desk: CustomerDesk;
  handoff: HandoffFlow;
  policy: EscalationPolicy;
  /** Set when agent replies can be emailed: takes the answers to the email offer while a person is involved. */
  email?: EmailOffer;
  /** Puts what the bot missed in the editors' learning inbox; none: nothing is recorded. */
  learning?: LearningRecorder;
}

/**
 * One customer message, whoever owns the conversation: while a person is involved the bot only
 * acknowledges (or cancels the request on "peru"); after a closed case it takes the rating; otherwise
 * it collects the turn's signals, asks the escalation policy, and either hands off or lets the router
 * answer. The policy is the only one that decides a handoff: dialogs report signals (a failed
 * verification) and the policy is asked again with them. The bot never answers over a person.
 */
export class ConversationFlow {
  constructor(private readonly deps: ConversationFlowDeps) {}

  async onMessage(turn: Turn): Promise<void> {
    const { activity } = turn.context;
    const identity: ConversationIdentity = {
      key: conversationKey(activity.channelId, activity.conversation.id),
      customerKey: customerKey(activity.channelId, activity.from.id),
      channelId: activity.channelId,
      language: turn.language,
    };
    const { record: conversation, stored } = await this.deps.desk.conversationOrNew(identity);
    const noted: NotedConversation = { identity, record: conversation, stored };
    await this.answer(turn, noted);
    // A first message the bot answered nothing to (no text, not understood) still starts a conversation record.
    if (!noted.stored) await this.deps.desk.noteConversation(identity);
  }

  private async answer(turn: Turn, noted: NotedConversation): Promise<void> {
    const conversation = noted.record;
    switch (conversation.owner) {
      case 'queued':
        return this.whileWaiting(turn, conversation);
      case 'agent':
        // A person is answering; the message reaches them through the transcript. The bot speaks only
        // to answer its own email question (offered when the customer had gone away).
        if (await this.answeredEmail(turn, conversation)) return;
        return this.notifyAgent(conversation);
      case 'closed':
        if (await this.tookRating(turn, conversation)) return;
        break;
      case 'bot':
        break;
      default:
        return conversation.owner satisfies never;
    }

    if (!turn.nlu) return this.deps.router.emptyMessage(turn);
    await this.withBot(turn, turn.nlu, noted);
  }

  /** The bot owns the conversation: the policy decides on the turn's signals, then hands off or lets the router answer. */
  private async withBot(turn: Turn, nlu: NluResult, noted: NotedConversation): Promise<void> {
    const signals = this.signalsOf(turn, nlu);
    const decision = decideHandoff(signals, this.deps.policy);
    // Before the answer, so "that didn't help" is matched with the bot's previous answer, not this turn's.
    await this.deps.learning?.afterDecision(turn, nlu, signals.verdict, decision.handoff ? decision.signals : []);
    if (decision.handoff) {
      // Handing off is the bot's answer to a recognised intent ("a billing question goes to a person"):
      // without it, an intent that always hands off would show no handoffs in the intent analytics.
      if (signals.intent) await this.noteAnswered(noted, signals.intent);
      return this.handOff(turn, noted, decision, signals);
    }
    turn.data.misses = signals.consecutiveNoIntent;
    const outcome = await this.deps.router.onMessage(turn, decision.action);
    await this.afterAnswer(turn, noted, outcome, signals);
  }

  /** What the escalation policy needs to know about this turn; also updates the conversation's frustration. */
  private signalsOf(turn: Turn, nlu: NluResult): TurnSignals {
    const { data, content } = turn;
    const text = turn.context.activity.text ?? '';
    const upset = detectUpset(turn.analysedText, nlu.language, content.upsetLexicon, data.earlierTexts);
    data.frustration = accumulateFrustration(data.frustration, upset.score);
    data.upsetSignals = [...data.upsetSignals, ...upset.signals].slice(-UPSET_SIGNALS_KEPT);
    // Inside a dialog, a message the NLU cannot place ("12345") is an answer, not a failure.
    const inDialog = this.deps.router.activeDialog(turn) !== undefined;
    // Answers inside a dialog are details (an e-mail to verify an order), not complaints: never kept.
    const kept = inDialog ? '' : textForRepetition(text);
    if (kept) data.earlierTexts = [...data.earlierTexts, kept].slice(-EARLIER_TEXTS_KEPT);
    const noIntent = nlu.verdict === 'low_confidence' || nlu.verdict === 'unfamiliar' || nlu.verdict === 'out_of_scope';
    // Detected apart from the winning intent: "can a person help me with my invoice?" wins as a request
    // for a person, but it is a billing matter, and the policy's precedence then picks the right reason.
    const sensitiveIntents = new Set(content.intents.filter((candidate) => candidate.sensitive).map((candidate) => candidate.name));
    const topic = sensitiveTopic(nlu.intent, nlu.ranking, sensitiveIntents, this.deps.policy.humanAgentIntent);
    return {
      intent: nlu.intent,
      intentIsSensitive: topic !== undefined,
      sensitiveIntent: topic ?? null,
      verdict: inDialog && noIntent ? 'confident' : nlu.verdict,
      frustration: data.frustration,
      upsetSignals: upset.signals,
      personalDataFound: turn.personalData,
      // Known only once the dialog has checked the details: see the verification_failed outcome.
      verificationFailures: 0,
      verificationLocked: false,
      consecutiveNoIntent: noIntent && !inDialog ? data.misses + 1 : data.misses,
    };
  }

  /** Counts the turn as understood or not; a failed verification goes back to the policy with the dialog's count. */
  private async afterAnswer(turn: Turn, noted: NotedConversation, outcome: RouteOutcome, signals: TurnSignals): Promise<void> {
    switch (outcome.kind) {
      case 'answered': {
        turn.data.misses = 0;
        await this.noteAnswered(noted, outcome.intent);
        // The answer told the customer a person continues: the policy is asked again, so the promise opens a case.
        if (!turn.content.intents.find((intent) => intent.name === outcome.intent)?.personContinues) return;
        const promised = { ...signals, personPromised: true };
        const decision = decideHandoff(promised, this.deps.policy);
        if (decision.handoff) await this.handOff(turn, noted, decision, promised);
        return;
      }
      case 'in_dialog':
        turn.data.misses = 0;
        // The dialog's question is its intent's answer so far (dialogs are named after their intent).
        await this.noteAnswered(noted, outcome.dialog);
        return;
      case 'cancelled':
        turn.data.misses = 0;
        await this.noteAnswered(noted, CANCEL_INTENT);
        return;
      case 'clarify':
      case 'not_understood':
        return;
      case 'verification_failed': {
        turn.data.misses = 0;
        await this.noteAnswered(noted, outcome.intent);
        const withCheck = { ...signals, verificationFailures: outcome.failures, verificationLocked: outcome.locked };
        const decision = decideHandoff(withCheck, this.deps.policy);
        if (decision.handoff) await this.handOff(turn, noted, decision, withCheck, outcome.intent);
        return;
      }
      default:
        return outcome satisfies never;
    }
  }

  /** Records the answered intent on the conversation record; "that didn't help" marks the one before it instead. */
  private async noteAnswered(noted: NotedConversation, intent: string): Promise<void> {
    if (intent === NOT_HELPFUL_INTENT) {
      await this.deps.desk.noteNotHelpful(noted.identity.key);
      return;
    }
    // The record read at the start of the turn: a second answer in one turn only skips the shortcut.
    await this.deps.desk.noteAnswered(noted.identity, intent, noted.record);
    noted.stored = true;
  }

  private async handOff(turn: Turn, noted: NotedConversation, decision: HandoffDecided, signals: TurnSignals, verifiedIntent?: string): Promise<void> {
    await this.deps.router.cancelDialogs(turn);
    turn.data.misses = 0;
    await this.deps.handoff.start(turn, handoffRequest(turn, decision, signals, verifiedIntent));
    // Opening the case stored the conversation with it.
    noted.stored = true;
  }

  /** The message answered the bot's email question (yes, no, the address): see EmailOffer. */
  private async answeredEmail(turn: Turn, conversation: ConversationRecord): Promise<boolean> {
    if (!this.deps.email || !conversation.openCaseId) return false;
    const value = turn.context.activity.value as { handoff?: unknown } | undefined;
    if (value?.handoff === CANCEL_HANDOFF_VALUE.handoff) return false;
    return this.deps.email.answer(turn, await this.deps.desk.getCase(conversation.openCaseId));
  }

  private async whileWaiting(turn: Turn, conversation: ConversationRecord): Promise<void> {
    // Before the cancel words: "no thanks" to the email offer must not cancel the request.
    if (await this.answeredEmail(turn, conversation)) return;
    if (cancelsRequest(turn)) {
      await this.deps.desk.abandon(conversation.key);
      await turn.context.sendActivity(reply(say(turn.messages, 'handoff_cancelled', turn.language), this.deps.router.menu(turn.language)));
      return;
    }
    if (!conversation.openCaseId) return;
    await this.deps.desk.customerWrote(await this.deps.desk.getCase(conversation.openCaseId), turn.context.activity.text);
    await this.deps.handoff.acknowledgeWaiting(turn, conversation.openCaseId);
  }

  private async notifyAgent(conversation: ConversationRecord): Promise<void> {
    if (conversation.openCaseId) await this.deps.desk.customerWrote(await this.deps.desk.getCase(conversation.openCaseId));
  }

  /** After an agent closed the case: a rating 1..5 is recorded and thanked for; anything else goes to the bot. */
  private async tookRating(turn: Turn, conversation: ConversationRecord): Promise<boolean> {
    const rating = ratingIn(turn.context.activity);
    await this.deps.desk.backToBot(conversation.key, rating);
    if (rating === undefined) return false;
    await turn.context.sendActivity(say(turn.messages, 'rating_thanks', turn.language));
    return true;
  }
}

/** A rating from a rating button, or a message that is just a number from 1 to 5 ("4", "5/5"). */
export function ratingIn(activity: Partial<Activity>): number | undefined {
  const value = (activity.value as { rating?: unknown } | undefined)?.rating;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5) return value;
  const match = /^\s*([1-5])\s*(?:\/\s*5)?\s*[.!]?\s*$/.exec(activity.text ?? '');
  return match ? Number(match[1]) : undefined;
}
