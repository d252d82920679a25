import type { Next, Request, RequestHandler, Response } from 'restify';
import type { TrustedProxies } from '../http/client-address.js';
import { sendError } from '../http/http-server.js';
import { sessionIdOf } from './console-auth.js';

/**
 * Refuses a state-changing console request that does not come from the console's own page. The
 * session cookie's SameSite=Strict is decided by site, and a site ignores port and subdomain: a page
 * on http://127.0.0.1:4299 (or intranet.example.fi next to console.example.fi) could post a form that
 * claimed, replied or closed cases as the signed-in agent. The browser tells us where a request comes
 * from (Origin, and Sec-Fetch-Site), and a plain HTML form cannot send application/json, so:
 * - Origin present: it must be this server's own origin (TrustedProxies.origin: behind a TLS proxy,
 *   TRUSTED_PROXIES must name it, or the https origin the browser sends will not match).
 * - No Origin: Sec-Fetch-Site must be same-origin; when the browser sent neither, only a request
 *   without the session cookie passes (an API-token client has no ambient cookie to abuse).
 * - A body must be application/json, so a form post never reaches a handler.
 */
export function sameOriginGuard(proxies: TrustedProxies): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    const problem = crossOriginProblem(req, proxies);
    if (problem) {
      sendError(res, 403, 'cross_origin', problem);
      return next(false);
    }
    if (!isJsonOrEmpty(req)) {
      sendError(res, 415, 'unsupported_media_type', 'send the body as JSON with Content-Type: application/json');
      return next(false);
    }
    return next();
  };
}

function crossOriginProblem(req: Request, proxies: TrustedProxies): string | undefined {
  const origin = req.header('origin');
  if (origin !== undefined && origin !== '') {
    const own = proxies.origin(req);
    if (origin.toLowerCase() === own.toLowerCase()) return undefined;
    return `Origin ${origin} is not this console's origin (${own}); only the console's own page may change cases. Behind a TLS proxy, name it in TRUSTED_PROXIES`;
  }
  const site = req.header('sec-fetch-site');
  if (site !== undefined && site !== '') {
    return site === 'same-origin' ? undefined : `Sec-Fetch-Site ${site}: only the console's own page may change cases`;
  }
  if (sessionIdOf(req) !== undefined)
    return 'a request with the session cookie must come from the console page (the browser sends Origin); integrations use a token, not a cookie';
  return undefined;
}

function isJsonOrEmpty(req: Request): boolean {
  const type = req.header('content-type');
  const hasBody = Number(req.header('content-length') || 0) > 0 || req.isChunked();
  if (!type) return !hasBody;
  return /^application\/json\s*(;|$)/i.test(type.trim());
}
