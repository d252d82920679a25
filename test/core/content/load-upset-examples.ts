import { fileURLToPath } from 'node:url';
import { formatProblem, loadContent, loadUpsetExamples } from '../../../core/content/index.js';

/** Registers this file's tests; ../core-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function contentLoadUpsetExamples(): void {
  const PROJECT_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
  const BROKEN = fileURLToPath(new URL('../../fixtures/upset-examples-broken', import.meta.url));

  describe('the upset examples that train the learned signal', () => {
    test('load for both languages with the routine intents they name, and no problems', async () => {
      const { content, problems } = await loadContent(PROJECT_ROOT);
      expect(problems.filter((problem) => problem.file.startsWith('lexicons/upset-examples')).map(formatProblem)).toEqual([]);
      for (const language of ['fi', 'en'] as const) {
        expect(content.upsetExamples[language].upset.length).toBeGreaterThan(150);
        expect(content.upsetExamples[language].calm.length).toBeGreaterThan(150);
        expect(content.upsetExamples[language].calmIntents.map(({ name }) => name)).toContain('opening_hours');
        expect(content.upsetExamples[language].calmIntents.map(({ name }) => name)).not.toContain('complaint');
      }
    });

    test('report every problem of a broken file with its line, and a missing file is no problem', async () => {
      const { examples, problems } = await loadUpsetExamples(BROKEN);
      expect(problems.map(formatProblem)).toEqual([
        'lexicons/upset-examples/fi.yaml:2: language must be fi, as the file name says',
        'lexicons/upset-examples/fi.yaml:5: upset[1] must be text; a text containing `: ` must be in quotation marks',
        'lexicons/upset-examples/fi.yaml:8: calm[1] must contain a word or an emoji',
      ]);
      expect(examples.fi).toEqual({ upset: [], calm: [], calmIntents: [] });
      expect(examples.en).toEqual({ upset: [], calm: [], calmIntents: [] });
    });
  });
}
