import { describe } from '@jest/globals';
import l2MalformedFieldsWipeState from './l2-malformed-fields-wipe-state.js';
import l3ReplayedActivityOneTurn from './l3-replayed-activity-one-turn.js';
import l4StreamTokenReuse from './l4-stream-token-reuse.js';
import l5MissingSecurityHeaders from './l5-missing-security-headers.js';
import l6AuthBadToken401 from './l6-auth-bad-token-401.js';
import l6ErrorBodiesLeakInternals from './l6-error-bodies-leak-internals.js';
import l7StaleLockOfAReusedPid from './l7-stale-lock-of-a-reused-pid.js';

/**
 * Findings l2 to l7 of the security review, each in its own file and describe block. They run as one jest file so that the app's
 * modules load once for all of them instead of once per finding (most of a small file's cost in jest's ESM mode).
 */
describe('l2-malformed-fields-wipe-state', l2MalformedFieldsWipeState);
describe('l3-replayed-activity-one-turn', l3ReplayedActivityOneTurn);
describe('l4-stream-token-reuse', l4StreamTokenReuse);
describe('l5-missing-security-headers', l5MissingSecurityHeaders);
describe('l6-auth-bad-token-401', l6AuthBadToken401);
describe('l6-error-bodies-leak-internals', l6ErrorBodiesLeakInternals);
describe('l7-stale-lock-of-a-reused-pid', l7StaleLockOfAReusedPid);
