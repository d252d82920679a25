export * from './bot-content.js';
export * from './conversation-data.js';
export * from './messages.js';
export * from './reply.js';
export * from './service-router.js';

/** Dialog names an intent file may name in `dialog:`; filled in as dialogs are added. */
export const KNOWN_DIALOGS: readonly string[] = [];
