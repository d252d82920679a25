import { describe } from '@jest/globals';
import agentApi from './agent-api.js';
import agentsFile from './agents-file.js';
import cannedVariables from './canned-variables.js';
import caseHistory from './case-history.js';
import caseHistoryApi from './case-history-api.js';
import caseRouting from './case-routing.js';

/**
 * The agent console's API routes and the agents file (test/bot/agent-console), each in its own file and describe block.
 * They run as one jest file so that the app's modules load once for all of them instead of once per file (most of a small file's
 * cost in jest's ESM mode).
 */
describe('agent-api', agentApi);
describe('agents-file', agentsFile);
describe('canned-variables', cannedVariables);
describe('case-history-api', caseHistoryApi);
describe('case-history', caseHistory);
describe('case-routing', caseRouting);
