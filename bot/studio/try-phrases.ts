import type { Content } from '../../core/content/index.js';
import type { Language } from '../../core/index.js';
import type { IntentRecogniser, NluResult } from '../../core/nlu/index.js';
import { OUT_OF_SCOPE_INTENT } from '../../core/reserved-intents.js';
import { previewReply, type ReplyPreview } from '../../dialogs/index.js';
import type { EscalationPolicy } from '../../handoff/index.js';

export interface TriedPhrase {
  language: Language;
  languageConfidence: number;
  verdict: NluResult['verdict'];
  intent: string | null;
  score: number;
  similarity: number;
  ranking: { intent: string; score: number }[];
  reply: ReplyPreview;
}

/** One message through the live NLU and the reply it would get, with no conversation behind it. */
export function tryPhrase(
  text: string,
  given: Language | undefined,
  current: { content: Content; recogniser: IntentRecogniser },
  policy: EscalationPolicy,
  now: Date,
): TriedPhrase {
  const nlu = given ? current.recogniser.recogniseIn(text, given) : current.recogniser.recognise(text);
  return {
    language: nlu.language,
    languageConfidence: round(nlu.languageConfidence),
    verdict: nlu.verdict,
    intent: nlu.intent,
    score: round(nlu.score),
    similarity: round(nlu.similarity),
    ranking: nlu.ranking.slice(0, 5).map((ranked) => ({ intent: ranked.intent, score: round(ranked.score) })),
    reply: previewReply({ text, nlu, content: current.content, language: nlu.language, policy, now }),
  };
}

export interface BatchRow {
  line: number;
  phrase: string;
  expected: string | null;
  language: Language;
  /** The intent the bot acts on; out_of_scope when that wins; null when nothing is confident. */
  intent: string | null;
  /** The best in-scope intent whatever the verdict, so a near miss shows what it nearly was. */
  topIntent: string | null;
  score: number;
  verdict: NluResult['verdict'];
  /** Only when an expected intent was given. */
  matches?: boolean;
}

/** Lines ranked between two yields to the event loop: a batch of 1000 takes most of a second, and customers' turns must not wait that long. */
const LINES_PER_SLICE = 50;

/**
 * Each non-empty line is a phrase, optionally followed by the expected intent after a tab or " | ".
 * "none" (or "-") expects no intent; lines starting with # are comments.
 */
export async function tryBatch(
  text: string,
  given: Language | undefined,
  recogniser: IntentRecogniser,
  maxLines: number,
): Promise<BatchRow[] | { problem: string }> {
  const lines = text.split(/\r?\n/).map((line, index) => ({ line: index + 1, text: line.trim() }));
  const phrases = lines.filter((line) => line.text !== '' && !line.text.startsWith('#'));
  if (phrases.length === 0) return { problem: 'has no phrases: write one a line' };
  if (phrases.length > maxLines) return { problem: `has ${phrases.length} phrases; test at most ${maxLines} at a time` };
  const rows: BatchRow[] = [];
  for (const { line, text: row } of phrases) {
    if (rows.length > 0 && rows.length % LINES_PER_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    const [phrase, expectedText] = row.split(/\t|\s\|\s?/, 2).map((part) => part.trim());
    const expected = expectedText ? expectedText : null;
    const nlu = given ? recogniser.recogniseIn(phrase!, given) : recogniser.recognise(phrase!);
    const intent = nlu.intent ?? (nlu.verdict === 'out_of_scope' ? OUT_OF_SCOPE_INTENT : null);
    rows.push({
      line,
      phrase: phrase!,
      expected,
      language: nlu.language,
      intent,
      topIntent: nlu.ranking[0]?.intent ?? null,
      score: round(nlu.score),
      verdict: nlu.verdict,
      ...(expected === null ? {} : { matches: expected === 'none' || expected === '-' ? intent === null : expected === intent }),
    });
  }
  return rows;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
