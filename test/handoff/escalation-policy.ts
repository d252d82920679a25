import { escalationPolicyFrom, readConfig } from '../../bot/config.js';
import { decideHandoff, escalationPolicySchema, type TurnSignals } from '../../handoff/index.js';

/** Registers this file's tests; test/handoff/handoff-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function escalationPolicyTests(): void {
  /** The policy production runs with when nothing is configured: its numbers come from bot/config.ts only. */
  const DEFAULT_POLICY = escalationPolicyFrom(readConfig({}));

  const calm: TurnSignals = {
    intent: 'order_status',
    intentIsSensitive: false,
    verdict: 'confident',
    frustration: 0,
    upsetSignals: [],
    personalDataFound: [],
    verificationFailures: 0,
    verificationLocked: false,
    consecutiveNoIntent: 0,
  };

  const noIntent = { intent: null, verdict: 'low_confidence' } as const;
  const decide = (signals: Partial<TurnSignals>) => decideHandoff({ ...calm, ...signals }, DEFAULT_POLICY);

  describe('decideHandoff', () => {
    test('lets the bot answer a calm, understood question', () => {
      expect(decide({})).toEqual({ handoff: false });
    });

    test('an answer that promised a person is a request for one, so the promise opens a case', () => {
      expect(decide({ intent: 'complaint', personPromised: true })).toEqual({
        handoff: true,
        reason: 'customer_request',
        signals: ['customer_request'],
        priority: 3,
      });
      expect(decide({ intent: 'complaint', personPromised: true, frustration: 5, upsetSignals: ['all_caps'] })).toMatchObject({
        reason: 'upset',
        signals: ['upset', 'customer_request'],
      });
    });

    test('hands off a billing question on the first message', () => {
      expect(decide({ intent: 'billing', intentIsSensitive: true })).toEqual({
        handoff: true,
        reason: 'sensitive_topic',
        signals: ['sensitive_topic'],
        priority: 2,
      });
    });

    test('an upset customer asking for billing is handed off as upset with sensitive_topic also listed', () => {
      expect(decide({ intent: 'billing', intentIsSensitive: true, frustration: 5, upsetSignals: ['lexicon:kolmas kerta'] })).toEqual({
        handoff: true,
        reason: 'upset',
        signals: ['upset', 'sensitive_topic'],
        priority: 1,
      });
    });

    test('hands off a customer who asks for a person', () => {
      expect(decide({ intent: 'human_agent' })).toEqual({ handoff: true, reason: 'customer_request', signals: ['customer_request'], priority: 3 });
    });

    test('uses the configured intent name for asking for a person', () => {
      const policy = escalationPolicySchema.parse({ ...DEFAULT_POLICY, humanAgentIntent: 'talk_to_person' });
      expect(decideHandoff({ ...calm, intent: 'talk_to_person' }, policy)).toMatchObject({ handoff: true, reason: 'customer_request' });
      expect(decideHandoff({ ...calm, intent: 'human_agent' }, policy)).toEqual({ handoff: false });
    });

    test('says "not understood" on the first turn without an intent and hands off on the second', () => {
      expect(decide({ ...noIntent, consecutiveNoIntent: 1 })).toEqual({ handoff: false, action: 'not_understood' });
      expect(decide({ ...noIntent, verdict: 'unfamiliar', consecutiveNoIntent: 2 })).toEqual({
        handoff: true,
        reason: 'low_confidence',
        signals: ['low_confidence'],
        priority: 3,
      });
    });

    test('asks which one was meant when two intents are close, without counting a failure', () => {
      expect(decide({ intent: null, verdict: 'ambiguous', consecutiveNoIntent: 1 })).toEqual({ handoff: false, action: 'clarify' });
    });

    test('hands off an upset customer only when frustration reaches the threshold and this message shows it', () => {
      expect(decide({ frustration: 2.9, upsetSignals: ['all_caps'] })).toEqual({ handoff: false });
      expect(decide({ frustration: 3, upsetSignals: ['all_caps'] })).toMatchObject({ handoff: true, reason: 'upset', priority: 1 });
      // Calm again after a handoff: the decayed meter alone must not send the customer straight back.
      expect(decide({ frustration: 3.5, upsetSignals: [] })).toEqual({ handoff: false });
    });

    test('treats personal data in a message as a sensitive topic', () => {
      expect(decide({ personalDataFound: ['card'] })).toMatchObject({ handoff: true, reason: 'sensitive_topic', priority: 2 });
    });

    test('hands off after the configured number of failed identity checks', () => {
      expect(decide({ verificationFailures: 2 })).toEqual({ handoff: false });
      expect(decide({ verificationFailures: 3 })).toMatchObject({ handoff: true, reason: 'sensitive_topic' });
    });

    test('hands off a check refused during the cool-down, whatever the count', () => {
      expect(decide({ verificationFailures: 0, verificationLocked: true })).toEqual({
        handoff: true,
        reason: 'sensitive_topic',
        signals: ['sensitive_topic'],
        priority: 2,
      });
    });

    test('takes the failure limit from MAX_VERIFICATION_FAILURES', () => {
      const policy = escalationPolicyFrom(readConfig({ MAX_VERIFICATION_FAILURES: '5' }));
      expect(decideHandoff({ ...calm, verificationFailures: 4 }, policy)).toEqual({ handoff: false });
      expect(decideHandoff({ ...calm, verificationFailures: 5 }, policy)).toMatchObject({ handoff: true, reason: 'sensitive_topic' });
    });

    test('lists every reason in precedence order', () => {
      expect(decide({ ...noIntent, consecutiveNoIntent: 2, frustration: 4, upsetSignals: ['repeated_punctuation'], personalDataFound: ['iban'] })).toEqual({
        handoff: true,
        reason: 'upset',
        signals: ['upset', 'sensitive_topic', 'low_confidence'],
        priority: 1,
      });
    });
  });

  describe('escalationPolicySchema', () => {
    test('gets its limits from the configuration defaults and documents every field', () => {
      expect(DEFAULT_POLICY).toEqual({ upsetThreshold: 3, maxNoIntentTurns: 2, maxVerificationFailures: 3, humanAgentIntent: 'human_agent' });
      // One source for the numbers: the schema itself has no defaults that could drift from the config's.
      expect(escalationPolicySchema.safeParse({}).success).toBe(false);
      for (const [name, field] of Object.entries(escalationPolicySchema.shape)) {
        expect([name, field.description ?? '']).toEqual([name, expect.stringMatching(/\w+ \w+/)]);
      }
    });

    test('rejects a policy that could never hand off', () => {
      const result = escalationPolicySchema.safeParse({ ...DEFAULT_POLICY, maxNoIntentTurns: 0 });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['maxNoIntentTurns']);
    });
  });
}
