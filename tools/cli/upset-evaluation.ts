import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../../core/index.js';
import { formatProblem, loadContent, YamlFile, type ContentProblem } from '../../core/content/index.js';
import { TrainedModelCache } from '../../core/nlu/index.js';
import {
  accumulateFrustration,
  decideHandoff,
  detectUpset,
  textForRepetition,
  trainUpsetModel,
  withCalmIntents,
  type EscalationPolicy,
  type UpsetLexicon,
} from '../../handoff/index.js';

export const UPSET_EVALUATION_DIR = 'lexicons/upset-evaluation';

export const SPLITS = ['tune', 'held_out'] as const;
export type Split = (typeof SPLITS)[number];

/** Targets per language on the held-out split: what CI enforces. */
export const UPSET_TARGETS = { minRecall: 0.92, maxFalseEscalationRate: 0.05 } as const;

const caseSchema = z
  .strictObject({
    text: z.string().min(1).optional(),
    turns: z.array(z.string().min(1)).min(2).optional(),
    label: z.enum(['upset', 'not_upset']),
    kind: z.string().min(1),
    split: z.enum(SPLITS),
  })
  .refine((value) => (value.text === undefined) !== (value.turns === undefined), { error: 'needs either text or turns, not both' });

const fileSchema = z.strictObject({
  version: z.literal('1'),
  language: z.enum(LANGUAGES),
  description: z.string(),
  cases: z.array(caseSchema).min(1),
});

/** One labelled case: the customer's messages in order; the label is about the last one. */
export interface UpsetCase {
  language: Language;
  turns: string[];
  upset: boolean;
  kind: string;
  split: Split;
}

/** Loads every `<language>.yaml` under the evaluation folder; throws with `file:line: problem` lines on a broken file. */
export async function loadUpsetCases(contentRoot: string): Promise<UpsetCase[]> {
  const cases: UpsetCase[] = [];
  for (const language of LANGUAGES) {
    const file = path.join(UPSET_EVALUATION_DIR, `${language}.yaml`);
    const { yaml, problems } = YamlFile.parse(file, await readFile(path.join(contentRoot, file), 'utf8'));
    const result = yaml.validate(fileSchema);
    problems.push(...result.problems);
    if (!result.data || problems.some((problem) => problem.severity === 'error')) throw new Error(problems.map(formatProblem).join('\n'));
    for (const entry of result.data.cases) {
      cases.push({ language: result.data.language, turns: entry.turns ?? [entry.text!], upset: entry.label === 'upset', kind: entry.kind, split: entry.split });
    }
  }
  return cases;
}

/**
 * Whether the bot hands the last turn to a person as upset: every turn goes through `detectUpset`
 * with the customer's earlier turns (kept as the flow keeps them), the frustration meter and the real escalation policy, as in
 * the conversation flow. Nothing else about the turn (intent, verdict) is set, so only upset decides.
 */
export function escalatesAsUpset(upsetCase: UpsetCase, lexicon: UpsetLexicon, policy: EscalationPolicy): boolean {
  let frustration = 0;
  let upset = false;
  upsetCase.turns.forEach((text, index) => {
    // As the conversation flow keeps them: without numbers and addresses.
    const earlier = upsetCase.turns
      .slice(0, index)
      .map(textForRepetition)
      .filter((kept) => kept.length > 0);
    const assessment = detectUpset(text, upsetCase.language, lexicon, earlier);
    frustration = accumulateFrustration(frustration, assessment.score);
    const decision = decideHandoff(
      {
        intent: null,
        intentIsSensitive: false,
        verdict: 'confident',
        frustration,
        upsetSignals: assessment.signals,
        personalDataFound: [],
        verificationFailures: 0,
        verificationLocked: false,
        consecutiveNoIntent: 0,
      },
      policy,
    );
    upset = decision.handoff && decision.signals.includes('upset');
  });
  return upset;
}

export interface UpsetScores {
  language: Language;
  split: Split;
  cases: number;
  precision: number;
  recall: number;
  /** Calm cases handed to a person as upset, of all calm cases. */
  falseEscalationRate: number;
  missed: UpsetCase[];
  falseEscalations: UpsetCase[];
}

/** Precision, recall and false escalation rate per language and split. */
export function scoreUpsetCases(cases: readonly UpsetCase[], lexicon: UpsetLexicon, policy: EscalationPolicy): UpsetScores[] {
  return LANGUAGES.flatMap((language) =>
    SPLITS.map((split) => {
      const part = cases.filter((one) => one.language === language && one.split === split);
      const predicted = part.map((one) => ({ one, escalates: escalatesAsUpset(one, lexicon, policy) }));
      const truePositives = predicted.filter(({ one, escalates }) => one.upset && escalates).length;
      const escalated = predicted.filter(({ escalates }) => escalates).length;
      const upset = part.filter((one) => one.upset).length;
      const calm = part.length - upset;
      const falseEscalations = predicted.filter(({ one, escalates }) => !one.upset && escalates).map(({ one }) => one);
      return {
        language,
        split,
        cases: part.length,
        precision: escalated ? truePositives / escalated : 1,
        recall: upset ? truePositives / upset : 1,
        falseEscalationRate: calm ? falseEscalations.length / calm : 0,
        missed: predicted.filter(({ one, escalates }) => one.upset && !escalates).map(({ one }) => one),
        falseEscalations,
      };
    }),
  );
}

/** Whether one language's held-out scores meet `UPSET_TARGETS`. */
export function meetsTargets(scores: UpsetScores): boolean {
  return scores.recall >= UPSET_TARGETS.minRecall && scores.falseEscalationRate <= UPSET_TARGETS.maxFalseEscalationRate;
}

/**
 * The upset detector as the bot runs it: `lexicons/upset.yaml` with the learned signal trained from
 * `lexicons/upset-examples/` (through the trained-model cache, as the bot does). `problems` lists
 * every content problem of both; the lexicon is usable only when none is an error.
 */
export async function loadUpsetDetector(contentRoot: string, cacheDir: string | undefined): Promise<{ lexicon: UpsetLexicon; problems: ContentProblem[] }> {
  const { content, problems } = await loadContent(contentRoot);
  const cache = new TrainedModelCache(cacheDir);
  const model = trainUpsetModel(withCalmIntents(content.upsetExamples, content.intents), (set) => cache.train(set));
  return { lexicon: { ...content.upsetLexicon, model }, problems };
}
