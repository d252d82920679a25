import type { OpenCaseInput } from '../../handoff/index.js';

/** A customer's request for a person in a conversation of its own, as the handoff flow would open it. */
export function openCaseInput(conversationKey: string, customerKey: string, firstMessage: string): OpenCaseInput {
  return {
    conversation: { key: conversationKey, customerKey, channelId: 'test', language: 'fi' },
    reference: {},
    reason: 'customer_request',
    signals: [],
    priority: 3,
    score: 1,
    summary: { headline: 'h', intent: null, topic: null, details: {}, sentiment: 'calm', upsetSignals: [], botSaid: [], firstMessage },
  };
}
