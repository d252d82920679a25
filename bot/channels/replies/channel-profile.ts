import { BUILT_IN_DIRECT_LINE_CHANNEL } from '../../../core/index.js';

/** How replies must look on one channel: what it renders and the limits it enforces. */
export interface ChannelProfile {
  /** Whether the channel renders markdown; when not, replies are turned into plain text. */
  markdown: boolean;
  /** Most suggestion buttons the channel shows; the rest are dropped (dialogs put the important ones first). */
  maxSuggestions?: number;
  /** Longest button title; longer ones are cut with an ellipsis. */
  maxSuggestionTitle?: number;
  /** Longest text of one message; longer text is split on sentence boundaries into several messages. */
  maxTextLength?: number;
  /** Most items of one bullet or numbered list; longer lists keep the first items and say how many were left out. */
  maxListItems?: number;
}

/** The built-in Direct Line's channel id; defined in core so /api/messages can refuse it too. */
export { BUILT_IN_DIRECT_LINE_CHANNEL };

const WEB_CHAT: ChannelProfile = { markdown: true };

/**
 * Every channel's profile, keyed by Bot Framework channel id. Messenger's numbers are Meta's limits:
 * 13 quick replies, 20 characters a title, 2000 characters a text; ten list items fit a phone screen.
 */
export const CHANNEL_PROFILES: Readonly<Record<string, ChannelProfile>> = {
  [BUILT_IN_DIRECT_LINE_CHANNEL]: WEB_CHAT,
  directline: WEB_CHAT,
  webchat: WEB_CHAT,
  emulator: WEB_CHAT,
  msteams: WEB_CHAT,
  facebook: { markdown: false, maxSuggestions: 13, maxSuggestionTitle: 20, maxTextLength: 2000, maxListItems: 10 },
};

/** Channels not listed are left as the dialogs wrote the reply. */
export const DEFAULT_PROFILE: ChannelProfile = { markdown: true };

export function profileOf(channelId: string | undefined): ChannelProfile {
  // Object.hasOwn: the channel id comes from the request, and "constructor" must not find Object.
  return channelId !== undefined && Object.hasOwn(CHANNEL_PROFILES, channelId) ? CHANNEL_PROFILES[channelId]! : DEFAULT_PROFILE;
}
