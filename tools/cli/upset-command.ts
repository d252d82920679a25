import type { Config } from '../../bot/config.js';
import { escalationPolicyFrom } from '../../bot/config.js';
import { loadUpsetCases, loadUpsetDetector, meetsTargets, scoreUpsetCases, UPSET_EVALUATION_DIR, UPSET_TARGETS, type UpsetCase } from './upset-evaluation.js';
import { printProblems } from './load-checked-content.js';

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
const shown = (one: UpsetCase) => one.turns.map((turn) => `"${turn}"`).join(' -> ');

/**
 * `npm run upset -- evaluate [--show tune|held_out|all]`: precision, recall and false escalation
 * rate per language on the tune and held-out cases. Exit 1 when a language misses a target on the
 * held-out cases, so CI keeps lexicon edits honest. Misses are listed for the tune split only by
 * default: reading the held-out ones while editing the lexicon would make them tuning data.
 */
export async function runUpsetEvaluate(config: Config, args: string[]): Promise<number> {
  const at = args.indexOf('--show');
  const show = at >= 0 ? args[at + 1] : 'tune';
  const { lexicon, problems } = await loadUpsetDetector(config.CONTENT_DIR, config.NLU_CACHE_DIR);
  if (problems.some((problem) => problem.severity === 'error')) {
    printProblems(problems);
    return 1;
  }
  const cases = await loadUpsetCases(config.CONTENT_DIR);
  const scores = scoreUpsetCases(cases, lexicon, escalationPolicyFrom(config));
  console.log(`Upset detection on ${cases.length} cases in ${UPSET_EVALUATION_DIR}/ (threshold ${config.UPSET_THRESHOLD})`);
  console.log(`Targets on held_out, per language: recall >= ${UPSET_TARGETS.minRecall}, false escalations <= ${UPSET_TARGETS.maxFalseEscalationRate}\n`);
  console.log('| language | split | cases | precision | recall | false escalations | target |\n|---|---|---|---|---|---|---|');
  let ok = true;
  for (const score of scores) {
    const target = score.split === 'held_out' ? (meetsTargets(score) ? 'met' : 'MISSED') : '-';
    if (target === 'MISSED') ok = false;
    console.log(
      `| ${score.language} | ${score.split} | ${score.cases} | ${percent(score.precision)} | ${percent(score.recall)} | ${percent(score.falseEscalationRate)} | ${target} |`,
    );
  }
  for (const score of scores.filter((one) => show === 'all' || one.split === show)) {
    if (score.missed.length + score.falseEscalations.length === 0) continue;
    console.log(`\n${score.language} ${score.split}:`);
    for (const one of score.missed) console.log(`  missed (${one.kind}): ${shown(one)}`);
    for (const one of score.falseEscalations) console.log(`  calm but escalated (${one.kind}): ${shown(one)}`);
  }
  return ok ? 0 : 1;
}
