export * from './finnish-inflection.js';
export * from './finnish-places.js';
export * from './place-matcher.js';
