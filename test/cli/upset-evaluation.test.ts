import { fileURLToPath } from 'node:url';
import { escalationPolicyFrom, readConfig } from '../../bot/config.js';
import { loadLexicon } from '../../content/index.js';
import { loadUpsetCases, meetsTargets, scoreUpsetCases, UPSET_TARGETS, type UpsetCase } from '../../cli/upset-evaluation.js';
import type { UpsetLexicon } from '../../handoff/index.js';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

let cases: UpsetCase[];
let lexicon: UpsetLexicon;

beforeAll(async () => {
  cases = await loadUpsetCases(PROJECT_ROOT);
  const loaded = await loadLexicon(PROJECT_ROOT);
  expect(loaded.problems).toEqual([]);
  lexicon = loaded.lexicon;
});

describe('the upset evaluation set', () => {
  test('has at least 400 cases, about half in each language, both labels, and about 30 % held out', () => {
    expect(cases.length).toBeGreaterThanOrEqual(400);
    for (const language of ['fi', 'en'] as const) {
      const mine = cases.filter((one) => one.language === language);
      expect(mine.length / cases.length).toBeGreaterThan(0.4);
      expect(mine.filter((one) => one.upset).length).toBeGreaterThan(100);
      expect(mine.filter((one) => !one.upset).length).toBeGreaterThan(100);
      const heldOut = mine.filter((one) => one.split === 'held_out').length / mine.length;
      expect(heldOut).toBeGreaterThan(0.25);
      expect(heldOut).toBeLessThan(0.35);
    }
  });

  test.each(['fi', 'en'] as const)('meets the recall and false escalation targets on the held-out cases (%s)', (language) => {
    const policy = escalationPolicyFrom(readConfig({}));
    const heldOut = scoreUpsetCases(cases, lexicon, policy).find((score) => score.language === language && score.split === 'held_out')!;
    expect(heldOut.recall).toBeGreaterThanOrEqual(UPSET_TARGETS.minRecall);
    expect(heldOut.falseEscalationRate).toBeLessThanOrEqual(UPSET_TARGETS.maxFalseEscalationRate);
    expect(meetsTargets(heldOut)).toBe(true);
  });
});
