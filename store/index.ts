export * from './json-database.js';
export * from './lowdb-storage.js';
