export * from './languages.js';
export * from './logger.js';
export * from './reserved-intents.js';
export * from './safe-id.js';
export * from './activity-strings.js';
export * from './channel-ids.js';
export * from './recent-ids.js';
