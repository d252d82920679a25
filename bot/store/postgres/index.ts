export * from './migrations.js';
export * from './postgres-handoff-store.js';
export * from './postgres-storage.js';
export * from './postgres-transcript-store.js';
export * from './postgres-stores.js';
