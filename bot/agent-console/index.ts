export * from './build-agent-console.js';
export { AgentDirectory, parseAgentsFile, type Agent, type AgentList, LOGIN_PATTERN } from './agent-directory.js';
export { hashPassword, verifyPassword } from './password-hash.js';
export { parseCannedReplies } from './canned-replies.js';
export { hoursTodayFrom } from './canned-variables.js';
