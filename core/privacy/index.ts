export * from './pii-masker.js';
export * from './mask-activity.js';
