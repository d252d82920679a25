export * from './bot-content.js';
export * from './conversation-data.js';
export * from './messages.js';
export * from './reply.js';
export * from './service-router.js';
export * from './known-dialogs.js';
export * from './route-outcome.js';
