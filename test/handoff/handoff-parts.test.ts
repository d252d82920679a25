import { describe } from '@jest/globals';
import accumulateFrustrationTests from './accumulate-frustration.js';
import agentMessageTests from './agent-message.js';
import caseLifecycleTests from './case-lifecycle.js';
import caseRecordShapesTests from './case-record-shapes.js';
import caseRoutingTests from './case-routing.js';
import caseSlaTests from './case-sla.js';
import conversationOwnerTests from './conversation-owner.js';
import escalationPolicyTests from './escalation-policy.js';
import handoffMetricsTests from './handoff-metrics.js';
import localTimeTests from './local-time.js';
import queueEstimatesTests from './queue-estimates.js';
import sensitiveTopicTests from './sensitive-topic.js';
import serviceDashboardTests from './service-dashboard.js';
import upsetDetectorTests from './upset-detector.js';

/**
 * The handoff layer's parts tested on their own (no whole bot), each in its own file and describe block. They run as one jest file
 * so that their modules load once for all of them instead of once per file (most of a small file's cost in jest's ESM mode).
 */
describe('accumulate-frustration', accumulateFrustrationTests);
describe('agent-message', agentMessageTests);
describe('case-lifecycle', caseLifecycleTests);
describe('case-record-shapes', caseRecordShapesTests);
describe('case-routing', caseRoutingTests);
describe('case-sla', caseSlaTests);
describe('conversation-owner', conversationOwnerTests);
describe('escalation-policy', escalationPolicyTests);
describe('handoff-metrics', handoffMetricsTests);
describe('local-time', localTimeTests);
describe('queue-estimates', queueEstimatesTests);
describe('sensitive-topic', sensitiveTopicTests);
describe('service-dashboard', serviceDashboardTests);
describe('upset-detector', upsetDetectorTests);
