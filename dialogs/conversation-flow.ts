import type { Activity, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Language } from '../core/index.js';
import {
  accumulateFrustration,
  decideHandoff,
  detectUpset,
  sensitiveTopic,
  textForRepetition,
  type EscalationPolicy,
  type HandoffDesk,
  type PersonalDataKind,
  type TurnSignals,
} from '../handoff/index.js';
import { normaliseText, type NluResult } from '../nlu/index.js';
import { conversationKey, customerKey, type ConversationRecord } from '../store/index.js';
import type { ContentSource } from './bot-content.js';
import { newConversationData, upgradeConversationData, type ConversationData } from './conversation-data.js';
import { CANCEL_HANDOFF_VALUE, type HandoffFlow } from './handoff-flow.js';
import { say } from './messages.js';
import { reply, type SuggestionValue } from './reply.js';
import type { ServiceRouter } from './service-router.js';

/** How many upset signals the summary keeps. */
const UPSET_SIGNALS_KEPT = 10;
/** How many earlier customer messages the upset detector compares a message with. */
const EARLIER_TEXTS_KEPT = 5;

/** Words that cancel a request for a person while waiting, besides the `cancel` intent and the button. */
const CANCEL_WORDS = new Set(['peru', 'peruuta', 'peru pyyntö', 'peruuta pyyntö', 'cancel', 'cancel request', 'cancel it']);

export interface ConversationFlowDeps {
  content: ContentSource;
  conversationData: StatePropertyAccessor<ConversationData>;
  router: ServiceRouter;
  desk: HandoffDesk;
  handoff: HandoffFlow;
  policy: EscalationPolicy;
  /** The intent that means "never mind", which also cancels a request for a person. */
  cancelIntent: string;
}

/** What the bot layer knows about the incoming message before the flow runs. */
export interface IncomingMessage {
  /** Null for a message without text (an image, a sticker). */
  nlu: NluResult | null;
  /** Personal data that was masked out of the text before anything stored it. */
  personalData: readonly PersonalDataKind[];
  /** The language to use when the message itself does not tell. */
  language: Language;
}

/**
 * One customer message, whoever owns the conversation: while a person is involved the bot only
 * acknowledges (or cancels the request on "peru"); after a closed case it takes the rating; otherwise
 * it collects the turn's signals, asks the escalation policy, and either hands off or lets the router
 * answer. The bot never answers over a person.
 */
export class ConversationFlow {
  constructor(private readonly deps: ConversationFlowDeps) {}

  async onMessage(context: TurnContext, incoming: IncomingMessage): Promise<void> {
    const sent: Partial<Activity>[] = [];
    context.onSendActivities(async (_context, activities, next) => {
      sent.push(...activities);
      return next();
    });
    const data = upgradeConversationData(await this.deps.conversationData.get(context, newConversationData()));
    const language = incoming.nlu?.language ?? incoming.language;
    const conversation = await this.deps.desk.noteConversation({
      key: conversationKey(context.activity.channelId, context.activity.conversation.id),
      customerKey: customerKey(context.activity.channelId, context.activity.from.id),
      channelId: context.activity.channelId,
      language,
    });

    switch (conversation.owner) {
      case 'queued':
        return this.whileWaiting(context, conversation, incoming, language);
      case 'agent':
        // A person is answering; the message reaches them through the transcript.
        return this.notifyAgent(conversation);
      case 'closed':
        if (await this.tookRating(context, conversation, language)) return;
        break;
      case 'bot':
        break;
      default:
        return conversation.owner satisfies never;
    }

    if (!incoming.nlu) return this.deps.router.emptyMessage(context, language);
    await this.withBot(context, incoming.nlu, incoming.personalData, data, sent);
  }

  private async withBot(context: TurnContext, nlu: NluResult, personalData: readonly PersonalDataKind[], data: ConversationData, sent: Partial<Activity>[]): Promise<void> {
    const { content } = this.deps.content.current();
    const text = context.activity.text ?? '';
    const upset = detectUpset(text, nlu.language, content.upsetLexicon, data.earlierTexts);
    data.frustration = accumulateFrustration(data.frustration, upset.score);
    data.upsetSignals = [...data.upsetSignals, ...upset.signals].slice(-UPSET_SIGNALS_KEPT);

    // Inside a dialog, a message the NLU cannot place ("12345") is an answer, not a failure.
    const inDialog = (await this.deps.router.activeDialog(context)) !== undefined;
    // Answers inside a dialog are details (an e-mail to verify an order), not complaints: never kept.
    const kept = inDialog ? '' : textForRepetition(text);
    if (kept) data.earlierTexts = [...data.earlierTexts, kept].slice(-EARLIER_TEXTS_KEPT);
    const noIntent = nlu.verdict === 'low_confidence' || nlu.verdict === 'unfamiliar' || nlu.verdict === 'out_of_scope';
    const misses = noIntent && !inDialog ? data.misses + 1 : data.misses;
    // Detected apart from the winning intent: "can a person help me with my invoice?" wins as a request
    // for a person, but it is a billing matter, and the policy's precedence then picks the right reason.
    const sensitiveIntents = new Set(content.intents.filter((candidate) => candidate.sensitive).map((candidate) => candidate.name));
    const topic = sensitiveTopic(nlu.intent, nlu.ranking, sensitiveIntents, this.deps.policy.humanAgentIntent);
    const signals: TurnSignals = {
      intent: nlu.intent,
      intentIsSensitive: topic !== undefined,
      verdict: inDialog && noIntent ? 'confident' : nlu.verdict,
      frustration: data.frustration,
      upsetSignals: upset.signals,
      personalDataFound: personalData,
      // Known only once the dialog has checked the details; see the verification_failed outcome below.
      verificationFailures: 0,
      verificationLocked: false,
      consecutiveNoIntent: misses,
    };
    const decision = decideHandoff(signals, this.deps.policy);

    if (decision.handoff) {
      const details = [
        ...(decision.signals.includes('upset') ? upset.signals.map((signal) => `upset:${signal}`) : []),
        ...personalData.map((kind) => `sensitive_topic:personal_data:${kind}`),
        ...(topic ? [`sensitive_topic:intent:${topic}`] : []),
        ...(decision.signals.includes('low_confidence') ? [`low_confidence:verdict:${nlu.verdict}`] : []),
      ];
      await this.deps.router.cancelDialogs(context);
      data.misses = 0;
      await this.deps.handoff.start(context, {
        reason: decision.reason,
        signals: [...decision.signals, ...details],
        priority: decision.priority,
        language: nlu.language,
        intent: (decision.reason === 'sensitive_topic' ? topic : undefined) ?? nlu.intent ?? data.lastIntent ?? null,
        score: nlu.score,
        ...(decision.reason === 'sensitive_topic' && personalData.length > 0 ? { cause: 'personal_data' as const } : {}),
      }, data, sent);
      return;
    }

    data.misses = misses;
    const outcome = await this.deps.router.onMessage(context, nlu);
    switch (outcome.kind) {
      case 'answered':
      case 'in_dialog':
      case 'cancelled':
        data.misses = 0;
        return;
      case 'clarify':
      case 'not_understood':
        return;
      case 'verification_failed': {
        data.misses = 0;
        // The dialog only reports; the policy decides, from the count across conversations and the lock.
        const escalation = decideHandoff({ ...signals, verificationFailures: outcome.failures, verificationLocked: outcome.locked }, this.deps.policy);
        if (!escalation.handoff) return;
        await this.deps.router.cancelDialogs(context);
        await this.deps.handoff.start(context, {
          reason: escalation.reason,
          signals: [...escalation.signals, 'sensitive_topic:verification_failed'],
          priority: escalation.priority,
          // "33100" says nothing about the language: the dialog's conversation language holds.
          language: data.language ?? nlu.language,
          intent: outcome.intent,
          score: nlu.score,
          cause: 'verification_failed',
        }, data, sent);
        return;
      }
      default:
        return outcome satisfies never;
    }
  }

  private async whileWaiting(context: TurnContext, conversation: ConversationRecord, incoming: IncomingMessage, language: Language): Promise<void> {
    if (this.wantsToCancel(context, incoming.nlu)) {
      await this.deps.desk.abandon(conversation.key);
      const { messages } = this.deps.content.current().content;
      await context.sendActivity(reply(say(messages, 'handoff_cancelled', language), this.deps.router.menu(language)));
      return;
    }
    if (!conversation.openCaseId) return;
    this.deps.desk.customerWrote(await this.deps.desk.getCase(conversation.openCaseId));
    await this.deps.handoff.acknowledgeWaiting(context, conversation.openCaseId, language);
  }

  private async notifyAgent(conversation: ConversationRecord): Promise<void> {
    if (conversation.openCaseId) this.deps.desk.customerWrote(await this.deps.desk.getCase(conversation.openCaseId));
  }

  /** After an agent closed the case: a rating 1..5 is recorded and thanked for; anything else goes to the bot. */
  private async tookRating(context: TurnContext, conversation: ConversationRecord, language: Language): Promise<boolean> {
    const rating = ratingIn(context.activity);
    await this.deps.desk.backToBot(conversation.key, rating);
    if (rating === undefined) return false;
    await context.sendActivity(say(this.deps.content.current().content.messages, 'rating_thanks', language));
    return true;
  }

  private wantsToCancel(context: TurnContext, nlu: NluResult | null): boolean {
    const value = context.activity.value as SuggestionValue | undefined;
    if (value?.handoff === CANCEL_HANDOFF_VALUE.handoff) return true;
    if (CANCEL_WORDS.has(normaliseText(context.activity.text ?? ''))) return true;
    return nlu?.intent === this.deps.cancelIntent && nlu.verdict === 'confident';
  }
}

/** A rating from a rating button, or a message that is just a number from 1 to 5 ("4", "5/5"). */
export function ratingIn(activity: Partial<Activity>): number | undefined {
  const value = (activity.value as { rating?: unknown } | undefined)?.rating;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5) return value;
  const match = /^\s*([1-5])\s*(?:\/\s*5)?\s*[.!]?\s*$/.exec(activity.text ?? '');
  return match ? Number(match[1]) : undefined;
}

