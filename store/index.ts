export * from './json-database.js';
export * from './lowdb-storage.js';
export * from './handoff-records.js';
export * from './handoff-store.js';
export * from './lowdb-handoff-store.js';
export * from './file-transcript-store.js';
export * from './data-dir-lock.js';
export * from './data-stores.js';
