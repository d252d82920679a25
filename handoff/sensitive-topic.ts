/** What the NLU ranked for one message; the shape of the NLU's `ranking`. */
export type IntentRanking = readonly { intent: string; score: number }[];

/** Share of the probability left over by the request for a person that a sensitive intent must hold. */
const MIN_SHARE_OF_REST = 0.5;
/** Below this the rest is noise: "I want to talk to a person" leaves 0.000 for every topic. */
const MIN_SCORE = 0.005;

/**
 * The sensitive topic of a message, whichever intent won. A request for a person absorbs the topic
 * it names ("can a person help me with my invoice?" is human_agent 0.97, billing 0.03), so when the
 * person intent wins, the best of the other intents is the topic if it is sensitive and holds most of
 * what is left. Without this, a billing matter asked as a request for a person queues as an ordinary
 * request, and the agent does not know the customer must be identified first.
 *
 * @example
 * sensitiveTopic('human_agent', [{ intent: 'human_agent', score: 0.965 }, { intent: 'billing', score: 0.025 }], new Set(['billing']), 'human_agent')
 * // 'billing'
 */
export function sensitiveTopic(
  intent: string | null,
  ranking: IntentRanking,
  sensitiveIntents: ReadonlySet<string>,
  humanAgentIntent: string,
): string | undefined {
  if (intent !== null && sensitiveIntents.has(intent)) return intent;
  if (intent !== humanAgentIntent) return undefined;
  const rest = ranking.filter((ranked) => ranked.intent !== humanAgentIntent);
  const restTotal = rest.reduce((sum, ranked) => sum + ranked.score, 0);
  const best = rest.reduce<{ intent: string; score: number } | undefined>(
    (top, ranked) => (top === undefined || ranked.score > top.score ? ranked : top),
    undefined,
  );
  if (!best || !sensitiveIntents.has(best.intent) || best.score < MIN_SCORE) return undefined;
  return best.score / restTotal >= MIN_SHARE_OF_REST ? best.intent : undefined;
}
