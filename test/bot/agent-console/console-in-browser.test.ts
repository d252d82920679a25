import { afterAll, describe } from '@jest/globals';
import { closeSharedChromium } from '../../support/browser.js';
import agentConsoleInBrowser from './agent-console-in-browser.js';
import caseRoutingInBrowser from './case-routing-in-browser.js';
import consoleAlertsInBrowser from './console-alerts-in-browser.js';

/**
 * The agent console in Chromium: cases, routing, alerts (test/bot/agent-console), each in its own file and describe block.
 * They run as one jest file so that the app's modules load once for all of them instead of once per file (most of a small file's
 * cost in jest's ESM mode); they share one Chromium too, closed after the last of them.
 */
afterAll(closeSharedChromium);
describe('agent-console-in-browser', agentConsoleInBrowser);
describe('case-routing-in-browser', caseRoutingInBrowser);
describe('console-alerts-in-browser', consoleAlertsInBrowser);
