export * from './local-time.js';
export * from './service-hours.js';
export * from './day-expression.js';
export * from './describe-hours.js';
