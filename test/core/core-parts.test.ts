import { describe } from '@jest/globals';
import contentEveryProblemAtOnce from './content/every-problem-at-once.js';
import contentIntentFiles from './content/intent-files.js';
import contentLoadLexicon from './content/load-lexicon.js';
import contentLoadUpsetExamples from './content/load-upset-examples.js';
import contentYamlMistakes from './content/yaml-mistakes.js';
import finnishAllative from './finnish-allative.js';
import nluFeaturizer from './nlu/featurizer.js';
import nluInScopeScore from './nlu/in-scope-score.js';
import nluRecognition from './nlu/recognition.js';
import nluSoftmaxClassifier from './nlu/softmax-classifier.js';
import nluSparseVector from './nlu/sparse-vector.js';
import nluTrainedModelCache from './nlu/trained-model-cache.js';
import privacyEmailAddress from './privacy/email-address.js';
import privacyMaskActivity from './privacy/mask-activity.js';
import privacyPiiMasker from './privacy/pii-masker.js';
import privacyPiiMaskerVariants from './privacy/pii-masker-variants.js';
import recentIds from './recent-ids.js';
import safeId from './safe-id.js';

/**
 * The core on its own: content loading, languages, the NLU, privacy, ids (test/core), each in its own file and describe block.
 * They run as one jest file so that the modules load once for all of them instead of once per file (most of a small file's
 * cost in jest's ESM mode).
 */
describe('content/every-problem-at-once', contentEveryProblemAtOnce);
describe('content/intent-files', contentIntentFiles);
describe('content/load-lexicon', contentLoadLexicon);
describe('content/load-upset-examples', contentLoadUpsetExamples);
describe('content/yaml-mistakes', contentYamlMistakes);
describe('finnish-allative', finnishAllative);
describe('nlu/featurizer', nluFeaturizer);
describe('nlu/in-scope-score', nluInScopeScore);
describe('nlu/recognition', nluRecognition);
describe('nlu/softmax-classifier', nluSoftmaxClassifier);
describe('nlu/sparse-vector', nluSparseVector);
describe('nlu/trained-model-cache', nluTrainedModelCache);
describe('privacy/email-address', privacyEmailAddress);
describe('privacy/mask-activity', privacyMaskActivity);
describe('privacy/pii-masker-variants', privacyPiiMaskerVariants);
describe('privacy/pii-masker', privacyPiiMasker);
describe('recent-ids', recentIds);
describe('safe-id', safeId);
