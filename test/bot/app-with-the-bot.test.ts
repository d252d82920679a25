import { describe } from '@jest/globals';
import appParts from './app-parts.js';
import authentication from './authentication.js';
import config from './config.js';
import httpClientAddress from './http/client-address.js';
import httpEndpoint from './http-endpoint.js';
import httpMessagesEndpointAccess from './http/messages-endpoint-access.js';
import httpReusedBotClients from './http/reused-bot-clients.js';
import httpUpgradeRoutes from './http/upgrade-routes.js';
import mailReplyEmail from './mail/reply-email.js';
import operationsPrometheusMetrics from './operations/prometheus-metrics.js';
import plainAnswers from './plain-answers.js';
import studioExampleLine from './studio/example-line.js';
import studioInboxClusters from './studio/inbox-clusters.js';

/**
 * The app's wiring, configuration, HTTP edges, e-mail, metrics and the studio's parts (test/bot), each in its own file and describe block.
 * They run as one jest file so that the app's modules load once for all of them instead of once per file (most of a small file's
 * cost in jest's ESM mode).
 */
describe('app-parts', appParts);
describe('authentication', authentication);
describe('config', config);
describe('http-endpoint', httpEndpoint);
describe('plain-answers', plainAnswers);
describe('http/client-address', httpClientAddress);
describe('http/messages-endpoint-access', httpMessagesEndpointAccess);
describe('http/reused-bot-clients', httpReusedBotClients);
describe('http/upgrade-routes', httpUpgradeRoutes);
describe('mail/reply-email', mailReplyEmail);
describe('operations/prometheus-metrics', operationsPrometheusMetrics);
describe('studio/example-line', studioExampleLine);
describe('studio/inbox-clusters', studioInboxClusters);
