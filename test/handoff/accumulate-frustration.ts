import { fileURLToPath } from 'node:url';
import { loadLexicon } from '../../core/content/index.js';
import { escalationPolicyFrom, readConfig } from '../../bot/config.js';
import { accumulateFrustration, decideHandoff, detectUpset, type TurnSignals, type UpsetLexicon } from '../../handoff/index.js';
import type { Language } from '../../core/index.js';

/** Registers this file's tests; test/handoff/handoff-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function accumulateFrustrationTests(): void {
  const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

  let lexicon: UpsetLexicon;

  beforeAll(async () => {
    lexicon = (await loadLexicon(PROJECT_ROOT)).lexicon;
  });

  /** Runs messages through detector, meter and policy as the bot will, and says whether the last one is handed off. */
  function handedOffAfter(language: Language, messages: string[]): boolean {
    let frustration = 0;
    let upsetSignals: string[] = [];
    for (const message of messages) {
      const upset = detectUpset(message, language, lexicon);
      frustration = accumulateFrustration(frustration, upset.score);
      upsetSignals = upset.signals;
    }
    const signals: TurnSignals = {
      intent: 'order_status',
      intentIsSensitive: false,
      verdict: 'confident',
      frustration,
      upsetSignals,
      personalDataFound: [],
      verificationFailures: 0,
      verificationLocked: false,
      consecutiveNoIntent: 0,
    };
    return decideHandoff(signals, escalationPolicyFrom(readConfig({}))).handoff;
  }

  describe('accumulateFrustration', () => {
    test('two moderately annoyed messages escalate while one does not', () => {
      expect(handedOffAfter('en', ['This is getting frustrating.'])).toBe(false);
      expect(handedOffAfter('en', ['This is getting frustrating.', 'Still waiting for my order.'])).toBe(true);
      expect(handedOffAfter('fi', ['Alkaa ärsyttää.'])).toBe(false);
      expect(handedOffAfter('fi', ['Alkaa ärsyttää.', 'Olen tosi turhautunut.'])).toBe(true);
    });

    test('mild annoyance alone never reaches a person, however long it goes on', () => {
      expect(
        handedOffAfter(
          'fi',
          Array.from({ length: 10 }, () => 'Olen vähän pettynyt'),
        ),
      ).toBe(false);
    });

    test('the meter decays back towards zero over calm turns', () => {
      let frustration = accumulateFrustration(0, 5);
      for (let turn = 0; turn < 6; turn++) frustration = accumulateFrustration(frustration, 0);
      expect(frustration).toBeCloseTo(5 * 0.6 ** 6);
      expect(frustration).toBeLessThan(0.5);
    });

    test('refuses a score that would poison the stored meter', () => {
      expect(() => accumulateFrustration(Number.NaN, 1)).toThrow('accumulateFrustration(): previous must be a finite number >= 0, got NaN');
      expect(() => accumulateFrustration(0, -1)).toThrow('accumulateFrustration(): turnScore must be a finite number >= 0, got -1');
    });
  });
}
