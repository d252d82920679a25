export * from './channel-messages.js';
export * from './build-channels.js';
export { BUILT_IN_DIRECT_LINE_CHANNEL, CHANNEL_PROFILES, ReplyShaper, profileOf, type ChannelProfile } from './replies/index.js';
