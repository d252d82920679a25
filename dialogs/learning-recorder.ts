import { conversationKey, isAgentMessage, type HandoffReason } from '../handoff/index.js';
import type { NluResult, Verdict } from '../core/nlu/index.js';
import type { ContentSource } from './bot-content.js';
import { NOT_HELPFUL_INTENT } from './not-helpful.js';
import { INBOX_KINDS, MISSED_VERDICTS, type InboxEntry, type InboxKind, type LearningInboxRecorder } from './learning-inbox.js';
import type { Turn } from './turn.js';

export interface LearningRecorderDeps {
  inbox: LearningInboxRecorder;
  content: ContentSource;
  now: () => Date;
  /** The intent that means "I want a person" (the escalation policy's). */
  humanAgentIntent: string;
}

/** How many intents of the ranking an inbox item keeps. */
const RANKING_KEPT = 3;

/**
 * Decides which customer messages go to the learning inbox, once the escalation policy has decided
 * the turn and before the bot answers: a message the bot did not understand (or gave up on with a
 * handoff for low confidence), and the question whose answer the customer then called unhelpful or
 * followed with a request for a person. Only masked text is ever recorded: the turn's text was masked
 * before the turn was built, and so was the transcript it reads.
 */
export class LearningRecorder {
  constructor(private readonly deps: LearningRecorderDeps) {}

  /**
   * `verdict` is the policy's view; `handoffReasons` every reason of a handoff decided on this turn
   * (low confidence counts whether or not it is the main one).
   */
  async afterDecision(turn: Turn, nlu: NluResult, verdict: Verdict, handoffReasons: readonly HandoffReason[]): Promise<void> {
    const text = (turn.context.activity.text ?? '').trim();
    if (!text) return;
    if (handoffReasons.includes('low_confidence')) return this.record(turn, text, nlu, INBOX_KINDS.handoff_low_confidence);
    // Inside a dialog a message the NLU cannot place is an answer to its question ("33100"), not a miss.
    const answersDialog = turn.dialogs.activeDialog !== undefined && nlu.intent === null;
    if (MISSED_VERDICTS.includes(verdict) && !answersDialog) return this.record(turn, text, nlu, INBOX_KINDS.not_understood);
    if (nlu.intent === NOT_HELPFUL_INTENT) return this.recordAnswered(turn, INBOX_KINDS.not_helpful);
    if (nlu.intent === this.deps.humanAgentIntent) return this.recordAnswered(turn, INBOX_KINDS.asked_for_person);
  }

  /** The customer's question before this message and the bot's answer to it, when the bot had understood it. */
  private async recordAnswered(turn: Turn, kind: InboxKind): Promise<void> {
    const incoming = turn.context.activity;
    const earlier = (await turn.transcript()).filter(
      (activity) => activity.type === 'message' && activity !== incoming && (incoming.id === undefined || activity.id !== incoming.id),
    );
    const answerAt = lastIndex(earlier, (activity) => activity.from?.role !== 'user' && !isAgentMessage(activity) && Boolean(activity.text));
    if (answerAt < 0) return;
    const question = earlier
      .slice(0, answerAt)
      .reverse()
      .find((activity) => activity.from?.role === 'user' && Boolean(activity.text?.trim()));
    if (!question?.text) return;
    // The earlier turn's NLU result is not kept; the current model ranks the question again.
    const nlu = this.deps.content.current().recogniser.recognise(question.text.trim(), turn.language);
    if (nlu.verdict !== 'confident') return; // the bot did not answer it: it is in the inbox already as not understood
    this.record(turn, question.text.trim(), nlu, kind, { answeredIntent: nlu.intent ?? undefined, botAnswer: earlier[answerAt]!.text! });
  }

  private record(turn: Turn, text: string, nlu: NluResult, kind: InboxKind, answered: Pick<InboxEntry, 'answeredIntent' | 'botAnswer'> = {}): void {
    const { activity } = turn.context;
    this.deps.inbox.record({
      kind,
      text,
      language: nlu.language,
      at: this.deps.now().toISOString(),
      conversationKey: conversationKey(activity.channelId, activity.conversation.id),
      verdict: nlu.verdict,
      score: round(nlu.score),
      ranking: nlu.ranking.slice(0, RANKING_KEPT).map((ranked) => ({ intent: ranked.intent, score: round(ranked.score) })),
      ...answered,
    });
  }
}

function lastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let index = items.length - 1; index >= 0; index--) if (test(items[index]!)) return index;
  return -1;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
