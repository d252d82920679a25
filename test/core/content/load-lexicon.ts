import { fileURLToPath } from 'node:url';
import { formatProblem, loadLexicon } from '../../../core/content/index.js';
import type { UpsetLexicon } from '../../../handoff/index.js';

/** Registers this file's tests; ../core-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function contentLoadLexicon(): void {
  const PROJECT_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
  const BROKEN = fileURLToPath(new URL('../../fixtures/lexicon-broken', import.meta.url));

  describe('loadLexicon', () => {
    test('loads the shipped upset lexicon with numeric weights and no problems', async () => {
      const { lexicon, problems } = await loadLexicon(PROJECT_ROOT);
      expect(problems.map(formatProblem)).toEqual([]);
      // The loader's result must fit handoff's type without handoff importing content.
      const upset: UpsetLexicon = lexicon;
      expect(upset.fi).toContainEqual({ phrase: 'kolmas kerta', weight: 3 });
      expect(upset.fi).toContainEqual({ phrase: 'eikä kukaan vastaa', weight: 2 });
      expect(upset.en).toContainEqual({ phrase: 'third time', weight: 3 });
      expect(upset.en).toContainEqual({ phrase: 'nobody answers', weight: 2 });
      expect(upset.cues?.praise.fi).toContain('mahtava');
      expect(upset.cues?.angry_emoji).toContain('😡');
    });

    test('reports every problem of a broken lexicon with the file, the line and words an editor understands', async () => {
      const { lexicon, problems } = await loadLexicon(BROKEN);
      expect(problems.map(formatProblem)).toEqual([
        'lexicons/upset.yaml:7: fi[1].weight must be a number from 1 to 3',
        'lexicons/upset.yaml:8: warning: fi[2] "Vittu" is already at line 4; keep one',
        'lexicons/upset.yaml:12: en[0].weight must be a number from 1 to 3',
        'lexicons/upset.yaml:13: en[1].phrase must contain at least one word',
        'lexicons/upset.yaml:15: en[2].weight is missing',
        "lexicons/upset.yaml:16: en[2] has unknown key 'wieght'; check the spelling",
      ]);
      expect(lexicon).toEqual({ fi: [], en: [] });
    });

    test('reports a broken cue list with the file, the line and words an editor understands', async () => {
      const { lexicon, problems } = await loadLexicon(BROKEN.replace('lexicon-broken', 'lexicon-cues-broken'));
      expect(problems.map(formatProblem)).toEqual([
        'lexicons/upset.yaml:10: cues.praise.en must be a list of phrases, one a line',
        'lexicons/upset.yaml:20: cues.angry_emoji[1] must be an emoji',
      ]);
      expect(lexicon).toEqual({ fi: [], en: [] });
    });

    test('warns about a phrase listed twice, pointing at both lines', async () => {
      const { problems } = await loadLexicon(BROKEN.replace('lexicon-broken', 'lexicon-duplicate'));
      expect(problems.map(formatProblem)).toEqual(['lexicons/upset.yaml:6: warning: fi[1] "Vittu" is already at line 4; keep one']);
    });

    test('says when the file cannot be read', async () => {
      const { problems } = await loadLexicon(BROKEN, 'lexicons/missing.yaml');
      expect(problems.map(formatProblem)).toEqual([expect.stringMatching(/^lexicons\/missing.yaml:1: cannot read the file \(ENOENT/)]);
    });
  });
}
