import type { FileTranscriptStore } from './file-transcript-store.js';

/**
 * What the app uses of a transcript store besides botbuilder's interface (agent console, retention,
 * customer data); the file store and the PostgreSQL store both offer it.
 */
export type TranscriptArchive = Pick<
  FileTranscriptStore,
  'logActivity' | 'getTranscriptActivities' | 'listTranscripts' | 'deleteTranscript' | 'allActivities' | 'flush' | 'untouchedSince'
>;
