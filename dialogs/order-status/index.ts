export * from './order-schema.js';
export * from './http-order-api.js';
export * from './demo-order-api.js';
export * from './order-number.js';
export * from './order-status-dialog.js';
export * from './verification-attempts.js';
