export * from './outage-feed-schema.js';
export * from './http-outage-feed.js';
export * from './file-outage-feed.js';
export * from './outage-dialog.js';
