import { describe } from '@jest/globals';
import benchAlwaysOpenContentTests from './bench/always-open-content.js';
import benchBenchOptionsTests from './bench/bench-options.js';
import benchCapacityModelTests from './bench/capacity-model.js';
import benchDatasetTests from './bench/dataset.js';
import benchEndToEndTests from './bench/end-to-end.js';
import benchEngineResultTests from './bench/engine-result.js';
import benchOosThresholdTests from './bench/oos-threshold.js';
import benchPercentileTests from './bench/percentile.js';
import benchProcessCpuTests from './bench/process-cpu.js';
import benchTargetsTests from './bench/targets.js';

/**
 * The benchmark's parts (tools/bench/), each in its own file and describe block. They run as one jest file so that their modules
 * load once for all of them instead of once per file (most of a small file's cost in jest's ESM mode).
 */
describe('bench/always-open-content', benchAlwaysOpenContentTests);
describe('bench/bench-options', benchBenchOptionsTests);
describe('bench/capacity-model', benchCapacityModelTests);
describe('bench/dataset', benchDatasetTests);
describe('bench/end-to-end', benchEndToEndTests);
describe('bench/engine-result', benchEngineResultTests);
describe('bench/oos-threshold', benchOosThresholdTests);
describe('bench/percentile', benchPercentileTests);
describe('bench/process-cpu', benchProcessCpuTests);
describe('bench/targets', benchTargetsTests);
