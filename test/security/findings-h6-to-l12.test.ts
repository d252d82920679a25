import { describe } from '@jest/globals';
import h6JournalFullDiskAndPowerCut from './h6-journal-full-disk-and-power-cut.js';
import h7PersonalDataOnEveryChannel from './h7-personal-data-on-every-channel.js';
import l10DirectLineHistoryMasked from './l10-direct-line-history-masked.js';
import l11MasterApiToken from './l11-master-api-token.js';
import l12ForwardedHeadersFromUntrustedClients from './l12-forwarded-headers-from-untrusted-clients.js';
import l12LoginLogPasswordTypedAsLogin from './l12-login-log-password-typed-as-login.js';
import l1LongIdEnametoolong from './l1-long-id-enametoolong.js';

/**
 * Findings h6 to l12 of the security review, each in its own file and describe block. They run as one jest file so that the app's
 * modules load once for all of them instead of once per finding (most of a small file's cost in jest's ESM mode).
 */
describe('h6-journal-full-disk-and-power-cut', h6JournalFullDiskAndPowerCut);
describe('h7-personal-data-on-every-channel', h7PersonalDataOnEveryChannel);
describe('l1-long-id-enametoolong', l1LongIdEnametoolong);
describe('l10-direct-line-history-masked', l10DirectLineHistoryMasked);
describe('l11-master-api-token', l11MasterApiToken);
describe('l12-forwarded-headers-from-untrusted-clients', l12ForwardedHeadersFromUntrustedClients);
describe('l12-login-log-password-typed-as-login', l12LoginLogPasswordTypedAsLogin);
