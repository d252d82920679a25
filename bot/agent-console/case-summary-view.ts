import type { Language } from '../../core/index.js';
import type { CaseRecord, EarlierCase, QueuedMessage } from '../../handoff/index.js';
import { codeInWords, type SummaryWordList } from './summary-words.js';

/** A detail the bot collected, labelled in the agent's language. */
export interface LabelledDetail {
  key: string;
  label: string;
  value: string;
}

/**
 * The summary as an agent acts on it in five seconds, in the agent's language: what the customer
 * wants, why a person has it, the details with labels, what they added while waiting, their earlier
 * cases and what the bot already told them. Codes without words in the file stay as codes, so
 * nothing is hidden (a test keeps the file complete).
 */
export interface SummaryInWords {
  /** One line: the message that triggered the handoff (older cases: the first message, else the headline). */
  need: string;
  /** The main reason in words, its most precise line: "Laskutusasia – siirretty, koska laskuasiat vaativat tunnistamisen". */
  reason: string;
  /** Every other reason and signal that applied, in words. */
  otherSignals: string[];
  details: LabelledDetail[];
  /** Signs of frustration, in words. */
  upsetSignals: string[];
  whileQueued: QueuedMessage[];
  botSaid: string[];
  earlierCases: EarlierCase[];
}

/** The customer's need in one line, for the queue row and the summary alike. */
export function needOf(record: CaseRecord): string {
  const { summary } = record;
  return (summary.need || summary.firstMessage || summary.headline).split('\n')[0]!.trim();
}

export function summaryInWords(record: CaseRecord, words: SummaryWordList, language: Language): SummaryInWords {
  const { summary } = record;
  const values = { topic: summary.topic ?? summary.intent ?? '' };
  const inWords = (code: string) => codeInWords(words, code, language, values) ?? code;
  // Upset signals ("upset:all_caps") are signs, not the reason: they read under the mood instead.
  const precise = record.signals.find((signal) => signal.startsWith(`${record.reason}:`) && !signal.startsWith('upset:'));
  const reasonCode = precise !== undefined && codeInWords(words, precise, language, values) !== undefined ? precise : record.reason;
  const others = record.signals.filter((signal) => signal !== record.reason && signal !== reasonCode && !signal.startsWith('upset:'));
  return {
    need: needOf(record),
    reason: inWords(reasonCode),
    otherSignals: [...new Set(others.map(inWords))],
    details: Object.entries(summary.details).map(([key, value]) => ({ key, label: words.details[key]?.[language] ?? key, value })),
    upsetSignals: summary.upsetSignals.map((signal) => inWords(`upset:${signal}`)),
    whileQueued: summary.whileQueued ?? [],
    botSaid: summary.botSaid,
    earlierCases: summary.earlierCases,
  };
}
