import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { DEFAULT_INTENT_MODEL_OPTIONS, type IntentModelOptions } from './intent-model.js';
import { DEFAULT_THRESHOLDS, IntentRecogniser, type DecisionThresholds, type RecogniserSnapshot, type TrainingSet } from './intent-recogniser.js';

/**
 * Trains the NLU once per content version and NLU code version, and reuses the result: in memory
 * within a process, and on disk (NLU_CACHE_DIR) across processes. Training is deterministic (seeded),
 * so a cached model is the model training would give. Without it the test suite retrained the same
 * model some sixty times, more than half of its run time; a restart of a large bot pays it too.
 *
 * The key covers the training set, the model options and the NLU's own source files, so an edited
 * example or an edited featurizer never meets a stale model.
 */
export class TrainedModelCache {
  /**
   * @param folder where models are kept across processes; undefined keeps them in memory only
   * @param inMemory models already trained in this process (shared by default, so every bot of a test file reuses one)
   */
  constructor(
    private readonly folder: string | undefined,
    private readonly inMemory: Map<string, RecogniserSnapshot> = TRAINED_THIS_PROCESS,
  ) {}

  train(
    trainingSet: TrainingSet,
    thresholds: DecisionThresholds = DEFAULT_THRESHOLDS,
    options: IntentModelOptions = DEFAULT_INTENT_MODEL_OPTIONS,
  ): IntentRecogniser {
    const key = createHash('sha256').update(codeFingerprint()).update(JSON.stringify({ trainingSet, options })).digest('hex');
    const known = this.inMemory.get(key) ?? this.read(key);
    if (known) {
      this.inMemory.set(key, known);
      return IntentRecogniser.fromSnapshot(known, thresholds);
    }
    const recogniser = IntentRecogniser.train(trainingSet, thresholds, options);
    const snapshot = recogniser.toSnapshot();
    this.inMemory.set(key, snapshot);
    this.write(key, snapshot);
    return recogniser;
  }

  private fileOf(key: string): string | undefined {
    return this.folder ? path.join(this.folder, `nlu-${key}.v8`) : undefined;
  }

  private read(key: string): RecogniserSnapshot | undefined {
    const file = this.fileOf(key);
    if (!file) return undefined;
    try {
      return deserialize(readFileSync(file)) as RecogniserSnapshot;
    } catch {
      return undefined; // absent or unreadable: train again, which overwrites it
    }
  }

  private write(key: string, snapshot: RecogniserSnapshot): void {
    const file = this.fileOf(key);
    if (!file) return;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      // Write then rename: a reader in another process never sees half a file.
      const partial = `${file}.${process.pid}.tmp`;
      writeFileSync(partial, serialize(snapshot));
      renameSync(partial, file);
    } catch {
      // A cache that cannot be written only costs time.
    }
  }
}

const TRAINED_THIS_PROCESS = new Map<string, RecogniserSnapshot>();

let fingerprint: string | undefined;

/** A hash of the NLU's source (or compiled) files, so changed training code never reuses an old model. */
function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256');
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) hash.update(entry.name).update(readFileSync(full));
    }
  };
  walk(path.dirname(fileURLToPath(import.meta.url)));
  fingerprint = hash.digest('hex');
  return fingerprint;
}
