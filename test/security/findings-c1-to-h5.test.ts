import { describe } from '@jest/globals';
import c1H3CrashAndSocketLeak from './c1-h3-crash-and-socket-leak.js';
import c2DotdotChannelPathTraversal from './c2-dotdot-channel-path-traversal.js';
import c2PathIdsAtEveryEntry from './c2-path-ids-at-every-entry.js';
import h1ApiMessagesOpenRelay from './h1-api-messages-open-relay.js';
import h2MultipartAndOversizedBodies from './h2-multipart-and-oversized-bodies.js';
import h4SignInFloodThreadPool from './h4-sign-in-flood-thread-pool.js';
import h5DirectLineFilledByStrangers from './h5-direct-line-filled-by-strangers.js';

/**
 * Findings c1 to h5 of the security review, each in its own file and describe block. They run as one jest file so that the app's
 * modules load once for all of them instead of once per finding (most of a small file's cost in jest's ESM mode).
 */
describe('c1-h3-crash-and-socket-leak', c1H3CrashAndSocketLeak);
describe('c2-dotdot-channel-path-traversal', c2DotdotChannelPathTraversal);
describe('c2-path-ids-at-every-entry', c2PathIdsAtEveryEntry);
describe('h1-api-messages-open-relay', h1ApiMessagesOpenRelay);
describe('h2-multipart-and-oversized-bodies', h2MultipartAndOversizedBodies);
describe('h4-sign-in-flood-thread-pool', h4SignInFloodThreadPool);
describe('h5-direct-line-filled-by-strangers', h5DirectLineFilledByStrangers);
