export * from './pii-masker.js';
export * from './upset-lexicon.js';
export * from './upset-detector.js';
export * from './accumulate-frustration.js';
export * from './escalation-policy.js';
export * from './conversation-owner.js';
