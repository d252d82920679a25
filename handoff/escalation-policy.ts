import { z } from 'zod';
import type { Verdict } from '../core/nlu/index.js';
import type { PersonalDataKind } from '../core/privacy/pii-masker.js';

/** Why a conversation goes to a person. The order of the keys is the order of precedence. */
export const HANDOFF_REASONS = {
  upset: 'upset',
  sensitive_topic: 'sensitive_topic',
  customer_request: 'customer_request',
  low_confidence: 'low_confidence',
} as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[keyof typeof HANDOFF_REASONS];

const PRECEDENCE = Object.values(HANDOFF_REASONS);

/** What the bot should do when it keeps the conversation: ask which of two intents, or say it did not understand. */
export type BotAction = 'clarify' | 'not_understood';

/** Queue priority; lower is served sooner. */
export type HandoffPriority = 1 | 2 | 3;

export type HandoffDecision =
  | { handoff: false; action?: BotAction }
  | {
      handoff: true;
      /** The reason that decides the queue and the message; the first of `signals` in precedence order. */
      reason: HandoffReason;
      /** Every reason that applied, in precedence order, so the agent sees the whole picture. */
      signals: HandoffReason[];
      priority: HandoffPriority;
    };

/** What the caller knows about the current turn. */
export interface TurnSignals {
  /** The recognised intent, or null when there is none. */
  intent: string | null;
  /**
   * The message is about a sensitive matter (an intent marked `sensitive: true`), whether that intent
   * won or stands behind a request for a person ("can a person help me with my invoice?").
   */
  intentIsSensitive: boolean;
  /** Which sensitive intent, when `intentIsSensitive`; the case is filed under it. */
  sensitiveIntent?: string | null;
  verdict: Verdict;
  /** The conversation's frustration after this turn (`accumulateFrustration`). */
  frustration: number;
  /** What `detectUpset` found in this message. */
  upsetSignals: readonly string[];
  /** What `maskPersonalData` found in this message. */
  personalDataFound: readonly PersonalDataKind[];
  /**
   * Failed identity checks of the order (or by the customer) in this turn's dialog, counted across
   * conversations (store `VerificationAttempts`); 0 on turns without a check.
   */
  verificationFailures: number;
  /** The order or the customer is in its verification cool-down: nothing may be checked until it ends. */
  verificationLocked: boolean;
  /** Turns in a row without an intent, this one included; ambiguous turns are not counted. */
  consecutiveNoIntent: number;
  /**
   * The bot's answer in this turn told the customer that a person continues (an intent with
   * `person_continues: true`, such as a complaint). Known only after the answer, like a failed check.
   */
  personPromised?: boolean;
}

/**
 * Tunable limits of the escalation policy. The numbers have no defaults here: the configuration
 * (bot/config.ts, `escalationPolicyFrom`) is their one source, so a default cannot differ between
 * the policy and what the operator reads in `.env.example`.
 */
export const escalationPolicySchema = z.object({
  upsetThreshold: z.number().positive().describe('Accumulated frustration (see accumulateFrustration) at or above which an upset customer goes to a person'),
  maxNoIntentTurns: z.number().int().min(1).describe('Turns in a row the bot may fail to understand before a person takes over'),
  maxVerificationFailures: z
    .number()
    .int()
    .min(1)
    .describe('Failed identity checks (per order or customer, across conversations) after which a person takes over, since the bot cannot open the account'),
  humanAgentIntent: z.string().min(1).default('human_agent').describe('Intent that means the customer asks for a person'),
});
export type EscalationPolicy = z.output<typeof escalationPolicySchema>;

/**
 * Decides whether this turn goes to a person, and if not, whether the bot must clarify or say it
 * did not understand. Pure: the caller collects the signals and keeps the counters.
 *
 * - upset: frustration at or above `upsetThreshold` and this message itself shows frustration.
 * - sensitive_topic: a sensitive intent, personal data in the message, too many failed identity checks,
 *   or a check refused during the cool-down.
 * - customer_request: the customer asked for a person, or the bot's answer promised them one (a
 *   promise without a case left complaining customers with no one to continue).
 * - low_confidence: `maxNoIntentTurns` turns in a row without an intent.
 *
 * @example
 * decideHandoff({ ...signals, intent: 'billing', intentIsSensitive: true, verdict: 'confident' }, escalationPolicyFrom(config))
 * // { handoff: true, reason: 'sensitive_topic', signals: ['sensitive_topic'], priority: 2 }
 */
export function decideHandoff(signals: TurnSignals, policy: EscalationPolicy): HandoffDecision {
  const found = new Set<HandoffReason>();
  // The frustration decays over several turns; requiring a signal in this message keeps a customer
  // who has calmed down (for example, back from an agent) from being handed straight back.
  if (signals.frustration >= policy.upsetThreshold && signals.upsetSignals.length > 0) found.add('upset');
  const verificationFailed = signals.verificationLocked || signals.verificationFailures >= policy.maxVerificationFailures;
  if (signals.intentIsSensitive || signals.personalDataFound.length > 0 || verificationFailed) {
    found.add('sensitive_topic');
  }
  if ((signals.intent !== null && signals.intent === policy.humanAgentIntent) || signals.personPromised) found.add('customer_request');

  const action = understanding(signals, policy);
  if (action === 'hand_off') found.add('low_confidence');

  const reasons = PRECEDENCE.filter((reason) => found.has(reason));
  const reason = reasons[0];
  if (reason === undefined) return action === undefined || action === 'hand_off' ? { handoff: false } : { handoff: false, action };
  return { handoff: true, reason, signals: reasons, priority: priorityOf(reason) };
}

/** What the NLU verdict asks of the bot on its own. */
function understanding(signals: TurnSignals, policy: EscalationPolicy): BotAction | 'hand_off' | undefined {
  switch (signals.verdict) {
    case 'confident':
      return undefined;
    // Two close intents mean the bot nearly understood; asking which one is cheaper than a person.
    case 'ambiguous':
      return 'clarify';
    case 'low_confidence':
    case 'unfamiliar':
    case 'out_of_scope':
      return signals.consecutiveNoIntent >= policy.maxNoIntentTurns ? 'hand_off' : 'not_understood';
    default:
      return signals.verdict satisfies never;
  }
}

/** Queue priority of a reason: upset first, then sensitive matters, then the rest. */
export function priorityOf(reason: HandoffReason): HandoffPriority {
  switch (reason) {
    case 'upset':
      return 1;
    case 'sensitive_topic':
      return 2;
    case 'customer_request':
    case 'low_confidence':
      return 3;
    default:
      return reason satisfies never;
  }
}
