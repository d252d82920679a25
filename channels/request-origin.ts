import type { Request } from 'restify';

/**
 * The scheme and host the client used, so URLs handed back to browsers (Direct Line domain, stream URL)
 * work behind a TLS-terminating proxy that sets X-Forwarded-Proto and X-Forwarded-Host.
 */
export function requestOrigin(req: Request, kind: 'http' | 'ws' = 'http'): string {
  const forwarded = String(req.header('x-forwarded-proto') ?? '').split(',')[0]?.trim();
  const secure = forwarded === 'https' || (req.connection as { encrypted?: boolean } | undefined)?.encrypted === true;
  const host = String(req.header('x-forwarded-host') ?? req.header('host') ?? 'localhost').split(',')[0]!.trim();
  const scheme = kind === 'ws' ? (secure ? 'wss' : 'ws') : secure ? 'https' : 'http';
  return `${scheme}://${host}`;
}
