import { describe } from '@jest/globals';
import fileLearningInbox from './file-learning-inbox.js';
import fileStorage from './file-storage.js';
import fileTranscriptStore from './file-transcript-store.js';
import learningInboxContracts from './learning-inbox-contracts.js';
import lowdbHandoffStore from './lowdb-handoff-store.js';
import oldDataDir from './old-data-dir.js';
import storableActivityTests from './storable-activity.js';
import postgresAcrossInstances from './postgres/across-instances.js';
import postgresAdvisoryLock from './postgres/advisory-lock.js';
import postgresMigrations from './postgres/migrations.js';
import postgresOpenPostgresStores from './postgres/open-postgres-stores.js';
import postgresPostgresCaseChanges from './postgres/postgres-case-changes.js';
import postgresPostgresDirectlineLog from './postgres/postgres-directline-log.js';
import postgresSharedPresence from './postgres/shared-presence.js';
import postgresTurnLock from './postgres/postgres-turn-lock.js';

/**
 * The stores on their own: files, the learning inbox, PostgreSQL's lock, migrations and cross-instance parts (test/bot/store), each in its own file and describe block.
 * They run as one jest file so that the app's modules load once for all of them instead of once per file (most of a small file's
 * cost in jest's ESM mode).
 */
describe('file-learning-inbox', fileLearningInbox);
describe('file-storage', fileStorage);
describe('file-transcript-store', fileTranscriptStore);
describe('learning-inbox-contracts', learningInboxContracts);
describe('lowdb-handoff-store', lowdbHandoffStore);
describe('old-data-dir', oldDataDir);
describe('postgres/across-instances', postgresAcrossInstances);
describe('postgres/advisory-lock', postgresAdvisoryLock);
describe('postgres/migrations', postgresMigrations);
describe('postgres/open-postgres-stores', postgresOpenPostgresStores);
describe('postgres/postgres-case-changes', postgresPostgresCaseChanges);
describe('postgres/postgres-directline-log', postgresPostgresDirectlineLog);
describe('postgres/shared-presence', postgresSharedPresence);
describe('postgres/postgres-turn-lock', postgresTurnLock);
describe('storable-activity', storableActivityTests);
