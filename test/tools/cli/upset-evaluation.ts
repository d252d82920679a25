import { fileURLToPath } from 'node:url';
import { escalationPolicyFrom, readConfig } from '../../../bot/config.js';
import { loadUpsetCases, loadUpsetDetector, scoreUpsetCases, UPSET_TARGETS, type UpsetCase } from '../../../tools/cli/upset-evaluation.js';
import type { UpsetLexicon } from '../../../handoff/index.js';
import { loadUpsetExamples } from '../../../core/content/index.js';
import { LANGUAGES } from '../../../core/index.js';

/** Registers this file's tests; test/tools/command-line-tools.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function cliUpsetEvaluationTests(): void {
  const PROJECT_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

  let cases: UpsetCase[];
  let lexicon: UpsetLexicon;

  beforeAll(async () => {
    cases = await loadUpsetCases(PROJECT_ROOT);
    const loaded = await loadUpsetDetector(PROJECT_ROOT, process.env.NLU_CACHE_DIR);
    expect(loaded.problems).toEqual([]);
    lexicon = loaded.lexicon;
  });

  describe('the upset evaluation set', () => {
    test('has at least 400 cases, about half in each language, both labels, and a third or more held out', () => {
      expect(cases.length).toBeGreaterThanOrEqual(400);
      for (const language of ['fi', 'en'] as const) {
        const mine = cases.filter((one) => one.language === language);
        expect(mine.length / cases.length).toBeGreaterThan(0.4);
        expect(mine.filter((one) => one.upset).length).toBeGreaterThan(100);
        expect(mine.filter((one) => !one.upset).length).toBeGreaterThan(100);
        const heldOut = mine.filter((one) => one.split === 'held_out').length / mine.length;
        // 30 % of the first cases, plus two later batches written as held-out only.
        expect(heldOut).toBeGreaterThan(0.25);
        expect(heldOut).toBeLessThan(0.45);
      }
    });

    const heldOutScores = (language: 'fi' | 'en', part: (one: UpsetCase) => boolean) =>
      scoreUpsetCases(cases.filter(part), lexicon, escalationPolicyFrom(readConfig({}))).find(
        (score) => score.language === language && score.split === 'held_out',
      )!;

    // The targets of issue #13, on every held-out case: the lexicon and the learned signal together, as the bot runs them.
    test.each(['fi', 'en'] as const)('meets the targets on the held-out cases: recall at least 0.92, false escalations at most 0.05 (%s)', (language) => {
      const heldOut = heldOutScores(language, () => true);
      expect(heldOut.recall).toBeGreaterThanOrEqual(UPSET_TARGETS.minRecall);
      expect(heldOut.falseEscalationRate).toBeLessThanOrEqual(UPSET_TARGETS.maxFalseEscalationRate);
    });

    test('the learned signal is trained on its own examples, never on an evaluation case', async () => {
      const { examples } = await loadUpsetExamples(PROJECT_ROOT);
      const training = new Set(LANGUAGES.flatMap((language) => [...examples[language].upset, ...examples[language].calm]).map((text) => text.toLowerCase()));
      for (const language of LANGUAGES) expect(examples[language].upset.length + examples[language].calm.length).toBeGreaterThan(300);
      const copied = cases.flatMap((one) => one.turns).filter((text) => training.has(text.trim().toLowerCase()));
      expect(copied).toEqual([]);
    });
  });
}
