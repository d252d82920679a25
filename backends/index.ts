export * from './backend-error.js';
export * from './outage-feed-schema.js';
export * from './http-outage-feed.js';
export * from './file-outage-feed.js';
export * from './order-schema.js';
export * from './http-order-api.js';
export * from './demo-order-api.js';
