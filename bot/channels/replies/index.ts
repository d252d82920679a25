export * from './channel-profile.js';
export * from './plain-text.js';
export * from './reply-shaper.js';
export * from './shape-reply.js';
export * from './shorten-lists.js';
export * from './split-text.js';
