import { afterAll, describe } from '@jest/globals';
import { closeSharedChromium } from '../../support/browser.js';
import consoleAccessibilityInBrowser from './console-accessibility-in-browser.js';
import consoleSpeedInBrowser from './console-speed-in-browser.js';
import dashboardDashboardInBrowser from './dashboard/dashboard-in-browser.js';

/**
 * The agent console and the dashboard in Chromium: speed, accessibility, the dashboard (test/bot/agent-console), each in its own file and describe block.
 * They run as one jest file so that the app's modules load once for all of them instead of once per file (most of a small file's
 * cost in jest's ESM mode); they share one Chromium too, closed after the last of them.
 */
afterAll(closeSharedChromium);
describe('console-speed-in-browser', consoleSpeedInBrowser);
describe('console-accessibility-in-browser', consoleAccessibilityInBrowser);
describe('dashboard/dashboard-in-browser', dashboardDashboardInBrowser);
