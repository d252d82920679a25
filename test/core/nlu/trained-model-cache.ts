import { jest } from '@jest/globals';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { IntentRecogniser, TrainedModelCache, type TrainingSet } from '../../../core/nlu/index.js';

/** Registers this file's tests; ../core-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function nluTrainedModelCache(): void {
  const TRAINING: TrainingSet = {
    en: [
      { text: 'is there a power outage', intent: 'outage' },
      { text: 'electricity is down in my street', intent: 'outage' },
      { text: 'when are you open', intent: 'opening_hours' },
      { text: 'what are your opening hours', intent: 'opening_hours' },
    ],
    fi: [
      { text: 'onko sähkökatkoa', intent: 'outage' },
      { text: 'milloin olette auki', intent: 'opening_hours' },
    ],
  };

  let folder: string;
  beforeEach(async () => (folder = await mkdtemp(path.join(os.tmpdir(), 'vastaa-nlu-cache-test-'))));
  afterEach(() => rm(folder, { recursive: true, force: true }));

  describe('trained models kept by content version', () => {
    test('a model read back from the cache ranks exactly like the freshly trained one', () => {
      const fresh = IntentRecogniser.train(TRAINING);
      new TrainedModelCache(folder, new Map()).train(TRAINING);
      const restored = IntentRecogniser.fromSnapshot(fresh.toSnapshot());
      for (const text of ['power outage in Espoo?', 'onko teillä auki lauantaina', 'hello there']) {
        expect(restored.recognise(text)).toEqual(fresh.recognise(text));
      }
    });

    test('writes one model file per training set and reuses it for the same content', async () => {
      const cache = new TrainedModelCache(folder, new Map());
      cache.train(TRAINING);
      cache.train(TRAINING);
      expect((await readdir(folder)).filter((name) => name.endsWith('.v8'))).toHaveLength(1);
    });

    test('another process (a fresh memory) reads the model from the folder instead of training', () => {
      new TrainedModelCache(folder, new Map()).train(TRAINING);
      const train = jest.spyOn(IntentRecogniser, 'train');
      new TrainedModelCache(folder, new Map()).train(TRAINING);
      expect(train).not.toHaveBeenCalled();
      train.mockRestore();
    });

    test('an edited example gives a new model, never the stale one', async () => {
      const cache = new TrainedModelCache(folder, new Map());
      cache.train(TRAINING);
      const edited: TrainingSet = { ...TRAINING, en: [...TRAINING.en!, { text: 'are you open on sunday', intent: 'opening_hours' }] };
      cache.train(edited);
      expect((await readdir(folder)).filter((name) => name.endsWith('.v8'))).toHaveLength(2);
    });

    test('thresholds come from the caller, not from the cached model', () => {
      const cache = new TrainedModelCache(folder, new Map());
      cache.train(TRAINING);
      const strict = cache.train(TRAINING, { confidenceThreshold: 0.99, ambiguityMargin: 0.1, minSimilarity: 0.2 });
      expect(strict.thresholds.confidenceThreshold).toBe(0.99);
    });
  });
}
