import { OUT_OF_SCOPE_INTENT, type Language } from '../../core/index.js';
import { trainingSetFrom, type Intent } from '../../core/content/index.js';
import { IntentRecogniser, stratifiedFolds, type DecisionThresholds, type NluResult } from '../../core/nlu/index.js';
import { thresholdsFrom, type Config } from '../../bot/config.js';
import { loadCheckedContent, printProblems } from './load-checked-content.js';

interface Prediction {
  text: string;
  expected: string;
  result: NluResult;
}

/** What the bot should do with a text: the intent, or null for out-of-scope. */
function expectedIntent(name: string): string | null {
  return name === OUT_OF_SCOPE_INTENT ? null : name;
}

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  return Number.isFinite(value) ? value : fallback;
}

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

export async function runTest(config: Config, args: string[]): Promise<number> {
  const folds = Math.max(2, Math.round(option(args, '--folds', 5)));
  const floor = option(args, '--floor', 0.8);
  const { content, problems, ok } = await loadCheckedContent(config.CONTENT_DIR);
  if (!ok) {
    printProblems(problems);
    return 1;
  }
  const thresholds = thresholdsFrom(config);
  const training = trainingSetFrom(content.intents);
  let heldOutOk = true;
  for (const language of Object.keys(training) as Language[]) {
    const samples = training[language];
    if (samples.length === 0) continue;
    console.log(`\n## ${language}: ${folds}-fold cross-validation on ${samples.length} examples`);
    const predictions = crossValidate(samples, language, folds, thresholds);
    report(predictions, thresholds);
    const full = IntentRecogniser.train({ [language]: samples }, thresholds);
    const tests = heldOutTests(content.intents, language).map(({ text, expected }) => ({ text, expected, result: full.recogniseIn(text, language) }));
    const correct = tests.filter((test) => test.result.intent === expectedIntent(test.expected)).length;
    const accuracy = tests.length ? correct / tests.length : 1;
    console.log(`\nHeld-out tests (tests: in the intent files): ${correct}/${tests.length} = ${percent(accuracy)} (floor ${percent(floor)})`);
    for (const test of tests.filter((t) => t.result.intent !== expectedIntent(t.expected))) {
      console.log(`  "${test.text}" is ${test.expected}, got ${test.result.intent ?? `(none: ${test.result.verdict})`} ${test.result.score.toFixed(2)}`);
    }
    if (accuracy < floor) heldOutOk = false;
  }
  return heldOutOk ? 0 : 1;
}

function heldOutTests(intents: readonly Intent[], language: Language): { text: string; expected: string }[] {
  return intents.flatMap((intent) => intent.tests[language].map((text) => ({ text, expected: intent.name })));
}

function crossValidate(samples: { text: string; intent: string }[], language: Language, k: number, thresholds: DecisionThresholds): Prediction[] {
  const predictions: Prediction[] = [];
  for (const fold of stratifiedFolds(
    samples.map((sample) => sample.intent),
    k,
  )) {
    const held = new Set(fold);
    const recogniser = IntentRecogniser.train({ [language]: samples.filter((_, i) => !held.has(i)) }, thresholds);
    for (const i of fold)
      predictions.push({ text: samples[i]!.text, expected: samples[i]!.intent, result: recogniser.recogniseIn(samples[i]!.text, language) });
  }
  return predictions;
}

function report(predictions: Prediction[], thresholds: DecisionThresholds): void {
  const top = (p: Prediction) => (p.result.verdict === 'out_of_scope' ? OUT_OF_SCOPE_INTENT : p.result.ranking[0]?.intent);
  const accuracy = predictions.filter((p) => top(p) === p.expected).length / predictions.length;
  const answered = predictions.filter((p) => p.result.intent !== null || p.result.verdict === 'out_of_scope');
  console.log(
    `Top-1 accuracy: ${percent(accuracy)}; at the current threshold ${thresholds.confidenceThreshold} the bot answers ${percent(answered.length / predictions.length)}`,
  );

  console.log('\n| intent | precision | recall | examples |\n|---|---|---|---|');
  const intents = [...new Set(predictions.map((p) => p.expected))].sort();
  for (const intent of intents) {
    const predicted = predictions.filter((p) => top(p) === intent);
    const actual = predictions.filter((p) => p.expected === intent);
    const hits = actual.filter((p) => top(p) === intent).length;
    console.log(`| ${intent} | ${predicted.length ? percent(hits / predicted.length) : '-'} | ${percent(hits / actual.length)} | ${actual.length} |`);
  }

  const confusions = new Map<string, number>();
  for (const p of predictions) {
    const got = top(p);
    if (got && got !== p.expected) confusions.set(`${p.expected} -> ${got}`, (confusions.get(`${p.expected} -> ${got}`) ?? 0) + 1);
  }
  const worst = [...confusions].sort((a, b) => b[1] - a[1]).slice(0, 5);
  console.log(`\nMost confused (expected -> predicted): ${worst.length ? worst.map(([pair, n]) => `${pair} (${n})`).join(', ') : 'none'}`);

  const lookalikes = predictions
    .filter((p) => top(p) !== p.expected && p.result.score >= 0.6)
    .sort((a, b) => b.result.score - a.result.score)
    .slice(0, 10);
  if (lookalikes.length) {
    console.log('\nExamples that look like another intent (move, reword or remove them):');
    for (const p of lookalikes) console.log(`  "${p.text}" in ${p.expected} looks like ${top(p)} (${p.result.score.toFixed(2)})`);
  }

  console.log('\nThreshold trade-off (answered wrongly vs handed to a person):\n| threshold | answers wrongly | hands off |\n|---|---|---|');
  let best = { threshold: thresholds.confidenceThreshold, cost: Infinity };
  for (let threshold = 0.2; threshold <= 0.901; threshold += 0.1) {
    const confident = predictions.filter((p) => p.result.score >= threshold && p.result.similarity >= thresholds.minSimilarity);
    const wrong = confident.filter((p) => top(p) !== p.expected).length / predictions.length;
    const handoff = 1 - confident.length / predictions.length;
    // A confident wrong answer costs the customer more than a handoff: weigh it double.
    const cost = 2 * wrong + handoff;
    if (cost < best.cost) best = { threshold, cost };
    console.log(`| ${threshold.toFixed(1)} | ${percent(wrong)} | ${percent(handoff)} |`);
  }
  console.log(`Recommended NLU_CONFIDENCE_THRESHOLD: ${best.threshold.toFixed(1)} (a wrong answer weighed as two handoffs)`);
}
