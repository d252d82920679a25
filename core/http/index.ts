export * from './backend-error.js';
export * from './fetch-json.js';
