import type { Language } from '../languages.js';
import { analysed, type TextInput } from './analysed-text.js';
import type { LanguagePack } from './languages/index.js';
import { normaliseText, splitWords } from './text-normaliser.js';

export interface LanguageGuess {
  language: Language;
  /** Probability of the guess among the supported languages, 0..1. */
  confidence: number;
}

export type LanguageIdentifierSnapshot = { language: Language; logProbabilities: Map<string, number>; unseen: number }[];

/** Below this confidence a short message ("ok", "1234") keeps the conversation's language. */
const DECISIVE = 0.75;

/**
 * Naive Bayes over character 1-3-grams and whole words, trained on the intent examples of each
 * language plus the pack's function words. Letters such as ä and ö weigh in through the n-grams.
 */
export class LanguageIdentifier {
  private constructor(
    private readonly models: {
      language: Language;
      logProbabilities: Map<string, number>;
      unseen: number;
      functionWords: ReadonlySet<string>;
      greetings: ReadonlySet<string>;
    }[],
  ) {}

  static train(samples: Partial<Record<Language, readonly string[]>>, packs: readonly LanguagePack[]): LanguageIdentifier {
    const models = packs.map((pack) => {
      const counts = new Map<string, number>();
      const texts = [...(samples[pack.language] ?? []), ...pack.functionWords];
      for (const text of texts) for (const gram of grams(text)) counts.set(gram, (counts.get(gram) ?? 0) + 1);
      let total = 0;
      for (const count of counts.values()) total += count;
      const denominator = total + counts.size + 1;
      const logProbabilities = new Map([...counts].map(([gram, count]) => [gram, Math.log((count + 1) / denominator)]));
      return { language: pack.language, logProbabilities, unseen: Math.log(1 / denominator), functionWords: pack.functionWords, greetings: pack.greetings };
    });
    return new LanguageIdentifier(models);
  }

  toSnapshot(): LanguageIdentifierSnapshot {
    return this.models.map(({ language, logProbabilities, unseen }) => ({ language, logProbabilities, unseen }));
  }

  static fromSnapshot(snapshot: LanguageIdentifierSnapshot, packs: Readonly<Record<Language, LanguagePack>>): LanguageIdentifier {
    return new LanguageIdentifier(
      snapshot.map((model) => ({ ...model, functionWords: packs[model.language].functionWords, greetings: packs[model.language].greetings })),
    );
  }

  /** Guesses the language; `hint` (the conversation's language or the channel locale) wins when the text is not decisive. */
  identify(input: TextInput, hint?: Language): LanguageGuess {
    const message = analysed(input);
    const words = splitWords(message.normalised);
    // "33100" or "123456" says nothing about the language; the digits' n-grams leaned Finnish.
    if (hint && !/\p{L}/u.test(message.text)) return { language: hint, confidence: 1 };
    const greeting = this.greetingLanguage(words);
    if (greeting) return { language: greeting, confidence: 1 };
    const textGrams = gramsOfNormalised(message.normalised);
    const scores = this.models.map((model) => {
      let score = 0;
      for (const gram of textGrams) score += model.logProbabilities.get(gram) ?? model.unseen;
      for (const word of words) if (model.functionWords.has(word)) score += 3;
      return score;
    });
    const max = Math.max(...scores);
    const exp = scores.map((score) => Math.exp(score - max));
    const sum = exp.reduce((a, b) => a + b, 0);
    const ranked = this.models.map((model, i) => ({ language: model.language, confidence: exp[i]! / sum })).sort((a, b) => b.confidence - a.confidence);
    const best = ranked[0]!;
    if (hint && best.language !== hint && (best.confidence < DECISIVE || textGrams.length < 12)) {
      return { language: hint, confidence: ranked.find((entry) => entry.language === hint)?.confidence ?? 0 };
    }
    return best;
  }

  /**
   * The one language whose greeting words make up the whole message ("terve", "moi moi"), if any. A
   * greeting is a few letters, too few for the n-grams: "terve" scored as English at 0.98 and got an
   * English "I didn't understand". A word that greets in both languages decides nothing.
   */
  private greetingLanguage(words: readonly string[]): Language | undefined {
    if (words.length === 0) return undefined;
    const greeted = this.models.filter((model) => words.every((word) => model.greetings.has(word)));
    return greeted.length === 1 ? greeted[0]!.language : undefined;
  }
}

function grams(text: string): string[] {
  return gramsOfNormalised(normaliseText(text));
}

function gramsOfNormalised(normalised: string): string[] {
  const padded = ' ' + normalised + ' ';
  const out: string[] = [];
  for (let n = 1; n <= 3; n++) for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
  return out;
}
