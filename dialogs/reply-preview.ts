import type { Content } from '../core/content/index.js';
import { maskPersonalData, type Language } from '../core/index.js';
import type { NluResult } from '../core/nlu/index.js';
import { accumulateFrustration, decideHandoff, detectUpset, sensitiveTopic, type EscalationPolicy, type HandoffReason } from '../handoff/index.js';
import type { KnownDialog } from './known-dialogs.js';
import { say, textsOf } from './messages.js';
import { answerOpeningHours } from './opening-hours/opening-hours-answer.js';

/** What the bot would do with a message, as the studio's try-it page shows it. */
export interface ReplyPreview {
  /** answer: a written or opening-hours answer; dialog: a dialog starts (its first question depends on backends); the rest as the flow names them. */
  kind: 'answer' | 'dialog' | 'clarify' | 'not_understood' | 'handoff';
  /** What the customer would read first; null when a dialog starts. */
  text: string | null;
  intent: string | null;
  dialog?: string;
  handoffReason?: HandoffReason;
}

/**
 * The reply to `text` as the first message of a new conversation, decided by the same policy and
 * content as a real turn, but without a conversation: nothing is recorded, no case is opened and no
 * backend is called (so a dialog's first question, which may need the outage feed, is not shown).
 */
export function previewReply(args: { text: string; nlu: NluResult; content: Content; language: Language; policy: EscalationPolicy; now: Date }): ReplyPreview {
  const { text, nlu, content, language, policy } = args;
  const upset = detectUpset(text, nlu.language, content.upsetLexicon);
  const sensitiveIntents = new Set(content.intents.filter((intent) => intent.sensitive).map((intent) => intent.name));
  const topic = sensitiveTopic(nlu.intent, nlu.ranking, sensitiveIntents, policy.humanAgentIntent);
  const noIntent = nlu.verdict === 'low_confidence' || nlu.verdict === 'unfamiliar' || nlu.verdict === 'out_of_scope';
  const personalData = maskPersonalData(text).found;
  const decision = decideHandoff(
    {
      intent: nlu.intent,
      intentIsSensitive: topic !== undefined,
      sensitiveIntent: topic ?? null,
      verdict: nlu.verdict,
      frustration: accumulateFrustration(0, upset.score),
      upsetSignals: upset.signals,
      personalDataFound: personalData,
      verificationFailures: 0,
      verificationLocked: false,
      consecutiveNoIntent: noIntent ? 1 : 0,
    },
    policy,
  );
  if (decision.handoff) {
    const texts = textsOf(content.messages, language);
    const cause = decision.reason === 'sensitive_topic' && personalData.length > 0 ? 'personal_data' : decision.reason;
    const own = cause === 'sensitive_topic' && topic ? texts(`handoff_why_sensitive_topic_${topic}`) : undefined;
    return { kind: 'handoff', text: own ?? say(content.messages, `handoff_why_${cause}`, language), intent: nlu.intent, handoffReason: decision.reason };
  }
  const intent = nlu.intent ? content.intents.find((candidate) => candidate.name === nlu.intent) : undefined;
  if (!intent) {
    const options = nlu.ranking.slice(0, 2).flatMap((ranked) => content.intents.filter((candidate) => candidate.name === ranked.intent));
    if (decision.action === 'clarify' && options.length === 2) {
      const [first, second] = options.map((option) => option.title[language]);
      return { kind: 'clarify', text: say(content.messages, 'which_one', language, { first: first!, second: second! }), intent: null };
    }
    return { kind: 'not_understood', text: say(content.messages, 'not_understood', language), intent: null };
  }
  const dialog = intent.dialog as KnownDialog | undefined;
  if (dialog === 'opening_hours') {
    const answer = answerOpeningHours(content, text, language, args.now);
    if (answer) return { kind: 'answer', text: answer, intent: intent.name, dialog };
  } else if (dialog) {
    return { kind: 'dialog', text: null, intent: intent.name, dialog };
  }
  return { kind: 'answer', text: intent.answers[language][0] ?? null, intent: intent.name };
}
