import { isIP } from 'node:net';
import { BUILT_IN_DIRECT_LINE_CHANNEL, EMULATOR_CHANNEL, FACEBOOK_CHANNEL } from '../../core/index.js';

/** API_MESSAGES: who may post to /api/messages. */
export type ApiMessagesMode = 'emulator' | 'open' | 'off';

export interface MessagesEndpointPolicy {
  mode: ApiMessagesMode;
  /** MicrosoftAppId is set: the adapter checks every request's Bot Framework token. */
  authenticated: boolean;
  /** Channel ids a door of this process serves (self-hosted Messenger's facebook); never taken here. */
  servedElsewhere?: (channelId: string) => boolean;
}

/** What the rule looks at besides the activity: where the request came from. */
export interface RequestOrigin {
  /** The client's address (TrustedProxies.clientAddress). */
  clientAddress: string;
  /** The request carries X-Forwarded-For, Forwarded or X-Real-IP: it passed through a proxy. */
  forwarded: boolean;
}

export interface ActivityAddress {
  channelId: string;
  serviceUrl?: string;
  deliveryMode?: string;
}

export interface Refusal {
  status: 403;
  code: 'api_messages_off' | 'channel_not_allowed' | 'service_url_not_allowed' | 'client_not_allowed';
  message: string;
}

/**
 * Whether /api/messages may take this activity, before any token is checked or turn is run.
 * Without this rule, a deployment without Azure credentials was an open relay: any caller could name any
 * channel (posting as a Messenger or web-chat customer), and any `serviceUrl` (the bot then POSTs its
 * replies and the case transcript there: blind SSRF).
 *
 * - `off`: nothing.
 * - `vastaa-directline` never: the built-in Direct Line has its own door and tokens. Nor any channel
 *   another adapter of this process serves (self-hosted Messenger's `facebook`): the channel id decides the adapter.
 * - `facebook` only with a Bot Framework token (Azure's Facebook channel); self-hosted Messenger has its own webhook.
 * - with MicrosoftAppId (`emulator` or `open`): every other channel; the token check follows.
 * - without it, `open`: every other channel, unauthenticated (start-up warns).
 * - without it, `emulator`: only channelId "emulator", from this machine directly (loopback client, no proxy
 *   headers), replying to a loopback `serviceUrl` or in the response (`expectReplies` without a serviceUrl).
 *
 * @returns undefined when accepted, else the 403 to answer.
 */
export function refusalOf(activity: ActivityAddress, origin: RequestOrigin, policy: MessagesEndpointPolicy): Refusal | undefined {
  if (policy.mode === 'off') {
    return {
      status: 403,
      code: 'api_messages_off',
      message: '/api/messages is turned off on this server (API_MESSAGES=off); set API_MESSAGES=emulator to use it',
    };
  }
  const channel = activity.channelId;
  if (channel === BUILT_IN_DIRECT_LINE_CHANNEL) {
    return {
      status: 403,
      code: 'channel_not_allowed',
      message: `channelId "${BUILT_IN_DIRECT_LINE_CHANNEL}" is the built-in Direct Line's and is never accepted on /api/messages; web chat posts to /v3/directline with its token`,
    };
  }
  if (policy.servedElsewhere?.(channel)) {
    return {
      status: 403,
      code: 'channel_not_allowed',
      message: `channelId "${channel}" belongs to a channel this server hosts itself (self-hosted Messenger posts to /api/messenger), so it never comes through /api/messages`,
    };
  }
  if (policy.authenticated) return undefined;
  if (channel === FACEBOOK_CHANNEL) {
    return {
      status: 403,
      code: 'channel_not_allowed',
      message: `channelId "${FACEBOOK_CHANNEL}" is accepted on /api/messages only from Azure Bot Service with a valid token (set MicrosoftAppId); self-hosted Messenger posts to /api/messenger`,
    };
  }
  if (policy.mode === 'open') return undefined;
  if (channel !== EMULATOR_CHANNEL) {
    return {
      status: 403,
      code: 'channel_not_allowed',
      message: `channelId "${channel}" is refused: without MicrosoftAppId, /api/messages accepts only the Bot Framework Emulator (channelId "${EMULATOR_CHANNEL}"); set MicrosoftAppId for Azure Bot Service channels, or API_MESSAGES=open to accept any channel without a token (never on a public server)`,
    };
  }
  if (origin.forwarded || !isLoopbackAddress(origin.clientAddress)) {
    return {
      status: 403,
      code: 'client_not_allowed',
      message:
        'without MicrosoftAppId, /api/messages accepts the Emulator only from this machine (a loopback address, not through a proxy); set MicrosoftAppId, or API_MESSAGES=open to accept other clients (never on a public server)',
    };
  }
  if (activity.serviceUrl !== undefined && !isLoopbackUrl(activity.serviceUrl)) {
    return {
      status: 403,
      code: 'service_url_not_allowed',
      message:
        'serviceUrl must be on this machine (http://localhost, 127.0.0.0/8 or [::1]) without MicrosoftAppId, because the bot sends its replies there; leave it out and use deliveryMode "expectReplies", set MicrosoftAppId, or API_MESSAGES=open (never on a public server)',
    };
  }
  return undefined;
}

/** 127.0.0.0/8 and ::1 (IPv4 also when mapped into IPv6, as a dual-stack socket reports it). */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  if (isIP(bare) === 4) return bare.split('.')[0] === '127';
  // Node and WHATWG URL both write IPv6 loopback compressed, as ::1.
  return bare === '::1';
}

/** An http(s) URL whose host is localhost or a loopback address. WHATWG URL parsing normalises `0x7f.1`, `127.1` and the like first. */
export function isLoopbackUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username || url.password) return false;
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return host === 'localhost' || isLoopbackAddress(host);
}
