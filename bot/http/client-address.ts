import proxyaddr from 'proxy-addr';
import type { Request } from 'restify';

/**
 * Which hops in front of the server may speak for the client (TRUSTED_PROXIES: `loopback`,
 * `uniquelocal`, addresses or CIDR ranges). Only their X-Forwarded-* headers are believed: without
 * this, anyone could name any address (and dodge per-address limits) or any host (and have the bot
 * hand out URLs on it), and behind a proxy every client would share the proxy's address.
 */
export class TrustedProxies {
  private readonly trust: (address: string, hop: number) => boolean;

  constructor(readonly proxies: readonly string[]) {
    // proxy-addr throws on an unknown name or a bad range; config.ts has checked them already.
    this.trust = proxies.length === 0 ? () => false : proxyaddr.compile([...proxies]);
  }

  /** The client's address: the socket's peer, or the nearest untrusted hop of X-Forwarded-For. */
  clientAddress(req: Request): string {
    const socketAddress = req.socket?.remoteAddress;
    if (!socketAddress) return 'unknown';
    return normalise(proxyaddr(req as unknown as Parameters<typeof proxyaddr>[0], this.trust));
  }

  /** True when the request came straight from a trusted proxy, so its X-Forwarded-Proto/-Host count. */
  fromTrustedProxy(req: Request): boolean {
    const socketAddress = req.socket?.remoteAddress;
    return socketAddress !== undefined && this.trust(socketAddress, 0);
  }

  /** The scheme the client used: https when the socket is TLS or a trusted proxy says so. */
  isHttps(req: Request): boolean {
    if ((req.socket as { encrypted?: boolean } | undefined)?.encrypted === true) return true;
    return this.fromTrustedProxy(req) && firstValue(req.header('x-forwarded-proto')) === 'https';
  }

  /**
   * The origin the client used (`https://chat.example.fi`), for URLs handed back to browsers.
   * X-Forwarded-Host counts only from a trusted proxy; otherwise the Host header.
   */
  origin(req: Request, kind: 'http' | 'ws' = 'http'): string {
    const secure = this.isHttps(req);
    const forwardedHost = this.fromTrustedProxy(req) ? firstValue(req.header('x-forwarded-host')) : undefined;
    const host = forwardedHost || firstValue(req.header('host')) || 'localhost';
    const scheme = kind === 'ws' ? (secure ? 'wss' : 'ws') : secure ? 'https' : 'http';
    return `${scheme}://${host}`;
  }
}

/** Checks a TRUSTED_PROXIES entry; returns what is wrong, or undefined. */
export function trustedProxyProblem(entry: string): string | undefined {
  try {
    proxyaddr.compile([entry]);
    return undefined;
  } catch (error) {
    return `"${entry}" is not an address, a CIDR range or one of loopback, linklocal, uniquelocal (${(error as Error).message})`;
  }
}

function firstValue(header: string | undefined): string {
  return String(header ?? '')
    .split(',')[0]!
    .trim();
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client. */
function normalise(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
