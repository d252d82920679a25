import { describe } from '@jest/globals';
import customerData from './customer-data.js';
import upsetHandoffs from './upset-handoffs.js';
import waitingAndAgents from './waiting-and-agents.js';

/**
 * Upset customers, waiting for agents and the customer's data through the whole bot, each in its own file and describe block. They
 * run as one jest file so that the app's modules load once for all of them instead of once per file (most of a small file's cost
 * in jest's ESM mode).
 */
describe('upset-handoffs', upsetHandoffs);
describe('waiting-and-agents', waitingAndAgents);
describe('customer-data', customerData);
