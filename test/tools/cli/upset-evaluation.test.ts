import { fileURLToPath } from 'node:url';
import { escalationPolicyFrom, readConfig } from '../../../bot/config.js';
import { loadLexicon } from '../../../core/content/index.js';
import { loadUpsetCases, meetsTargets, scoreUpsetCases, UPSET_TARGETS, type UpsetCase } from '../../../tools/cli/upset-evaluation.js';
import type { UpsetLexicon } from '../../../handoff/index.js';

const PROJECT_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

let cases: UpsetCase[];
let lexicon: UpsetLexicon;

beforeAll(async () => {
  cases = await loadUpsetCases(PROJECT_ROOT);
  const loaded = await loadLexicon(PROJECT_ROOT);
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

  // The cases written with the set, before any tuning: a regression guard that holds today.
  test.each(['fi', 'en'] as const)('meets the targets on the held-out cases written before tuning (%s)', (language) => {
    const heldOut = heldOutScores(language, (one) => !one.kind.startsWith('written_'));
    expect(heldOut.recall).toBeGreaterThanOrEqual(UPSET_TARGETS.minRecall);
    expect(heldOut.falseEscalationRate).toBeLessThanOrEqual(UPSET_TARGETS.maxFalseEscalationRate);
  });

  // Known gap (issue #13 stays open): the two later held-out batches (kinds written_*), in wording the
  // lexicon has never seen, are mostly missed, which pulls the whole held-out split to recall 0.66 fi
  // and 0.65 en against the 0.92 target (`npm run upset -- evaluate` reports it and exits 1). Until a
  // better detector lands, this guard keeps today's level from slipping; raise it as it improves.
  test.each(['fi', 'en'] as const)("does not fall below today's recall on all held-out cases, and never escalates calm ones more (%s)", (language) => {
    const heldOut = heldOutScores(language, () => true);
    expect(heldOut.recall).toBeGreaterThanOrEqual(0.64);
    expect(heldOut.falseEscalationRate).toBeLessThanOrEqual(UPSET_TARGETS.maxFalseEscalationRate);
  });
});
