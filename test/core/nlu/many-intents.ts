import type { LabelledText } from '../../../core/nlu/index.js';
import { seededRandom } from '../../../core/nlu/seeded-random.js';

/**
 * Made-up intents with their own words plus shared filler, enough of them (40) for the classifier's
 * candidate passes to run (they start at 32 intents). The same seed gives the same examples.
 */
export function manyIntents(intentCount = 40, examplesPerIntent = 12, seed = 3): LabelledText[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const filler = ['please', 'can', 'you', 'i', 'need', 'want', 'the', 'my', 'help', 'with'];
  const samples: LabelledText[] = [];
  for (let i = 0; i < intentCount; i++) {
    const own = ['zor', 'quib', 'mel', 'trand', 'vosk'].map((stem) => `${stem}${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}x`);
    for (let n = 0; n < examplesPerIntent; n++) {
      samples.push({ intent: `intent_${String(i).padStart(2, '0')}`, text: [pick(filler), pick(own), pick(filler), pick(own), pick(own)].join(' ') });
    }
  }
  return samples;
}
