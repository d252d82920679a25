import { describe } from '@jest/globals';
import m4CrossOriginConsoleRequests from './m4-cross-origin-console-requests.js';
import m5DirectLineHistoryBytes from './m5-direct-line-history-bytes.js';
import m5TranscriptRewrittenPerActivity from './m5-transcript-rewritten-per-activity.js';
import m6ReadOnlyDiskUnnoticed from './m6-read-only-disk-unnoticed.js';
import m7ErasureLeavesCaseInJournal from './m7-erasure-leaves-case-in-journal.js';
import m8SignInLockoutBehindProxy from './m8-sign-in-lockout-behind-proxy.js';
import metricsRouteBadInput from './metrics-route-bad-input.js';
import routesAddedForTheDeskAndStudioBadInput from './routes-added-for-the-desk-and-studio-bad-input.js';

/**
 * Findings m4 and later of the security review and the bad-input checks of newer routes, each in its own file and describe block.
 * They run as one jest file so that the app's modules load once for all of them instead of once per finding (most of a small
 * file's cost in jest's ESM mode).
 */
describe('m4-cross-origin-console-requests', m4CrossOriginConsoleRequests);
describe('m5-direct-line-history-bytes', m5DirectLineHistoryBytes);
describe('m5-transcript-rewritten-per-activity', m5TranscriptRewrittenPerActivity);
describe('m6-read-only-disk-unnoticed', m6ReadOnlyDiskUnnoticed);
describe('m7-erasure-leaves-case-in-journal', m7ErasureLeavesCaseInJournal);
describe('m8-sign-in-lockout-behind-proxy', m8SignInLockoutBehindProxy);
describe('metrics-route-bad-input', metricsRouteBadInput);
describe('routes-added-for-the-desk-and-studio-bad-input', routesAddedForTheDeskAndStudioBadInput);
