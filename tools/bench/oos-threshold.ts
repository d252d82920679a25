import { OOS_LABEL } from './dataset.js';

/** One classified text: the gold label ('oos' when out of scope), the engine's best intent and its confidence. */
export interface ScoredText {
  gold: string;
  predicted: string;
  confidence: number;
  alternatives?: Record<string, number>;
}

export interface OosMetrics {
  /** Share of in-scope texts given their intent and not rejected, 0..1. */
  inScopeAccuracy: number;
  /** Share of out-of-scope texts rejected (predicted 'oos' or below the threshold), 0..1; null without out-of-scope texts. */
  oosRecall: number | null;
}

const rejected = (scored: ScoredText, threshold: number) => scored.predicted === OOS_LABEL || scored.confidence < threshold;

/** In-scope accuracy and out-of-scope recall as Larson et al. 2019 define them. */
export function evaluateAt(scored: readonly ScoredText[], threshold: number): OosMetrics {
  let inScope = 0;
  let correct = 0;
  let outOfScope = 0;
  let caught = 0;
  for (const item of scored) {
    const reject = rejected(item, threshold);
    if (item.gold === OOS_LABEL) {
      outOfScope++;
      if (reject) caught++;
    } else {
      inScope++;
      if (!reject && item.predicted === item.gold) correct++;
    }
  }
  return { inScopeAccuracy: inScope ? correct / inScope : 0, oosRecall: outOfScope ? caught / outOfScope : null };
}

/**
 * The confidence threshold with the highest accuracy over all validation texts, in scope and out
 * of scope alike (a correct intent or a correct rejection each count one), as in Larson et al. 2019.
 * Ties go to the lowest threshold. Without out-of-scope validation texts nothing is rejected: 0.
 */
export function chooseThreshold(validation: readonly ScoredText[]): number {
  if (!validation.some((item) => item.gold === OOS_LABEL)) return 0;
  // Sweeping the sorted confidences: raising the threshold past a text flips only that text.
  const sorted = [...validation].sort((a, b) => a.confidence - b.confidence);
  let score = validation.filter((item) => (item.gold === OOS_LABEL ? item.predicted === OOS_LABEL : item.predicted === item.gold)).length;
  let best = { threshold: 0, score };
  for (let i = 0; i < sorted.length; i++) {
    const item = sorted[i]!;
    if (item.predicted !== OOS_LABEL) {
      // Now below the threshold: a caught out-of-scope text, or a lost correct answer.
      if (item.gold === OOS_LABEL) score++;
      else if (item.predicted === item.gold) score--;
    }
    const next = sorted[i + 1];
    if (next && next.confidence === item.confidence) continue;
    const threshold = next ? (item.confidence + next.confidence) / 2 : item.confidence + 1e-9;
    if (score > best.score) best = { threshold, score };
  }
  return best.threshold;
}
