export * from './problem.js';
export * from './intent-schema.js';
export * from './load-intents.js';
export * from './load-messages.js';
export * from './load-content.js';
export { formatPath } from './describe-issue.js';
export * from './training-set.js';
export * from './load-lexicon.js';
export * from './load-opening-hours.js';
