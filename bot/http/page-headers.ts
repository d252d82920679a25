/**
 * What one HTML page may load and who may frame it. Everything else in the policy is the same for
 * every page: our own files only, no inline script or style, no plugins, no <base>.
 */
export interface PagePolicy {
  /** Where the page's scripts may connect (fetch, WebSocket), besides nothing; e.g. `'self'`, `wss://chat.example.fi`. */
  connectSrc: readonly string[];
  /** Who may show the page in a frame: `'none'`, `'self'` or origins (CHAT_FRAME_ANCESTORS for /chat). */
  frameAncestors: readonly string[];
  /** A per-response nonce that <style> elements created at run time (Web Chat's CSS-in-JS) must carry. */
  styleNonce?: string;
  /** Extra image sources besides our own files, e.g. `data:` for inline icons. */
  imgSrc?: readonly string[];
  /** Extra media and font sources besides our own files (Web Chat's inline sounds and icon fonts). */
  mediaSrc?: readonly string[];
  fontSrc?: readonly string[];
  /** Where forms may post; none unless given. */
  formAction?: readonly string[];
}

/**
 * The headers of every HTML page the server renders (/chat, /agent): a Content-Security-Policy
 * without 'unsafe-inline', so injected markup can neither run script nor restyle the page; nosniff;
 * no Referer (the chat URL can carry a locale, the console's a case); no caching, since a page can
 * carry an agent's name or a customer's session; and frame-ancestors, so only the sites the operator
 * lists can embed the page (click-jacking).
 */
export function pageHeaders(contentType: string, policy: PagePolicy): Record<string, string> {
  const styleSrc = ["'self'", ...(policy.styleNonce ? [`'nonce-${policy.styleNonce}'`] : [])];
  const directives = [
    `default-src 'self'`,
    `script-src 'self'`,
    `style-src ${styleSrc.join(' ')}`,
    `img-src ${["'self'", ...(policy.imgSrc ?? [])].join(' ')}`,
    ...(policy.mediaSrc ? [`media-src ${["'self'", ...policy.mediaSrc].join(' ')}`] : []),
    ...(policy.fontSrc ? [`font-src ${["'self'", ...policy.fontSrc].join(' ')}`] : []),
    `connect-src ${policy.connectSrc.join(' ')}`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action ${policy.formAction?.length ? policy.formAction.join(' ') : "'none'"}`,
    `frame-ancestors ${policy.frameAncestors.join(' ')}`,
  ];
  const legacyFrameOptions = legacyFrameOptionsFor(policy.frameAncestors);
  return {
    'content-type': contentType,
    'cache-control': 'no-store',
    'content-security-policy': directives.join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...(legacyFrameOptions ? { 'x-frame-options': legacyFrameOptions } : {}),
  };
}

/**
 * X-Frame-Options for browsers without frame-ancestors. It can say "nobody" or "this origin" but not
 * a list, so with a list of origins it is left out (a DENY would override the list in those browsers).
 */
function legacyFrameOptionsFor(frameAncestors: readonly string[]): string | undefined {
  if (frameAncestors.length === 1 && frameAncestors[0] === "'none'") return 'DENY';
  if (frameAncestors.length === 1 && frameAncestors[0] === "'self'") return 'SAMEORIGIN';
  return undefined;
}

const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/i;

/**
 * A CHAT_FRAME_ANCESTORS entry as a CSP source: `self` and `none` (quoted or not) become the
 * keywords; an origin (`https://www.example.fi`, `https://*.example.fi`, with a port if needed) stays
 * as it is. Undefined when the entry is neither: a path, a `*`, a quote or a `;` would widen the
 * policy or break the header.
 */
export function frameAncestorSource(entry: string): string | undefined {
  const bare = entry
    .trim()
    .replace(/^'(.*)'$/, '$1')
    .toLowerCase();
  if (bare === 'self' || bare === 'none') return `'${bare}'`;
  const origin = entry.trim().replace(/\/$/, '');
  return ORIGIN.test(origin) ? origin.toLowerCase() : undefined;
}
