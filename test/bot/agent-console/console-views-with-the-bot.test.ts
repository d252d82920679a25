import { describe } from '@jest/globals';
import caseSummary from './case-summary.js';
import caseSummaryView from './case-summary-view.js';
import dashboardDashboardCsv from './dashboard/dashboard-csv.js';
import dashboardDashboardRoutes from './dashboard/dashboard-routes.js';
import deliveryFailures from './delivery-failures.js';
import openapiContract from './openapi-contract.js';
import summaryWords from './summary-words.js';

/**
 * The agent console's case summary, dashboard, delivery notes and OpenAPI contract (test/bot/agent-console), each in its own file and describe block.
 * They run as one jest file so that the app's modules load once for all of them instead of once per file (most of a small file's
 * cost in jest's ESM mode).
 */
describe('case-summary-view', caseSummaryView);
describe('case-summary', caseSummary);
describe('dashboard/dashboard-csv', dashboardDashboardCsv);
describe('dashboard/dashboard-routes', dashboardDashboardRoutes);
describe('delivery-failures', deliveryFailures);
describe('openapi-contract', openapiContract);
describe('summary-words', summaryWords);
