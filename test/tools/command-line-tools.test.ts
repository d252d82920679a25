import { describe } from '@jest/globals';
import cliAgentsPublishTests from './cli/agents-publish.js';
import cliCheckCommandTests from './cli/check-command.js';
import cliDataOnPostgresTests from './cli/data-on-postgres.js';
import cliUpsetEvaluationTests from './cli/upset-evaluation.js';
import layeringTests from './layering.js';

/**
 * The command-line tools (tools/cli/) and the layering check, each in its own file and describe block. They run as one jest file so
 * that their modules load once for all of them instead of once per file (most of a small file's cost in jest's ESM mode).
 */
describe('cli/agents-publish', cliAgentsPublishTests);
describe('cli/check-command', cliCheckCommandTests);
describe('cli/data-on-postgres', cliDataOnPostgresTests);
describe('cli/upset-evaluation', cliUpsetEvaluationTests);
describe('layering', layeringTests);
