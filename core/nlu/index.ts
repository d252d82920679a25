export * from './intent-recogniser.js';
export { IntentModel, DEFAULT_INTENT_MODEL_OPTIONS, type LabelledText, type IntentModelOptions } from './intent-model.js';
export { DEFAULT_FEATURIZER_OPTIONS, type FeaturizerOptions } from './featurizer.js';
export { DEFAULT_SOFTMAX_OPTIONS, type SoftmaxTrainingOptions } from './softmax-classifier.js';
export { stratifiedFolds } from './stratified-folds.js';
export { LANGUAGE_PACKS, type LanguagePack } from './languages/index.js';
export { normaliseText } from './text-normaliser.js';
export { TrainedModelCache } from './trained-model-cache.js';
export { AnalysedText, analysed, type TextInput, type PackReading } from './analysed-text.js';
