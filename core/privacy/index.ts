export * from './pii-masker.js';
export * from './mask-activity.js';
export * from './email-address.js';
