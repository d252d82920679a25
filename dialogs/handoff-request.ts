import type { HandoffDecision, TurnSignals } from '../handoff/index.js';
import type { HandoffRequest } from './handoff-flow.js';
import type { Turn } from './turn.js';

/** A decision to hand off, as `decideHandoff` returns it. */
export type HandoffDecided = Extract<HandoffDecision, { handoff: true }>;

/**
 * The request for a person from the policy's decision and the signals it decided on. The one place
 * that builds it, so a handoff right away and one after a failed verification say the same things.
 *
 * @param verifiedIntent the intent of the dialog whose verification failed, when that is why.
 */
export function handoffRequest(turn: Turn, decision: HandoffDecided, signals: TurnSignals, verifiedIntent?: string): HandoffRequest {
  const { nlu, personalData, data } = turn;
  const details = [
    ...(decision.signals.includes('upset') ? signals.upsetSignals.map((signal) => `upset:${signal}`) : []),
    ...personalData.map((kind) => `sensitive_topic:personal_data:${kind}`),
    ...(signals.intentIsSensitive && (signals.sensitiveIntent ?? signals.intent)
      ? [`sensitive_topic:intent:${signals.sensitiveIntent ?? signals.intent}`]
      : []),
    ...(decision.signals.includes('low_confidence') ? [`low_confidence:verdict:${signals.verdict}`] : []),
    ...(verifiedIntent ? ['sensitive_topic:verification_failed'] : []),
    ...(signals.personPromised ? [`customer_request:person_promised:${nlu?.intent ?? data.lastIntent}`] : []),
  ];
  const cause = verifiedIntent
    ? 'verification_failed'
    : decision.reason === 'sensitive_topic' && personalData.length > 0
      ? 'personal_data'
      : decision.reason === 'customer_request' && signals.personPromised
        ? 'person_promised'
        : undefined;
  return {
    reason: decision.reason,
    signals: [...decision.signals, ...details],
    priority: decision.priority,
    language: turn.language,
    intent: verifiedIntent ?? (decision.reason === 'sensitive_topic' ? signals.sensitiveIntent : undefined) ?? nlu?.intent ?? data.lastIntent ?? null,
    score: nlu?.score ?? null,
    ...(cause ? { cause } : {}),
  };
}
