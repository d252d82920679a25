import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../../core/index.js';
import { answerAndClose } from './raw-answer.js';

/**
 * Takes over a WebSocket upgrade for a path it claims. It must answer or close the socket itself
 * (accept the handshake, or `answerAndClose`); throwing is allowed, the router then logs and closes.
 */
export interface UpgradeRoute {
  /** True for the paths this route serves; `pathname` is still percent-encoded. */
  claims(pathname: string): boolean;
  handle(request: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void;
}

const routers = new WeakMap<HttpServer, UpgradeRoutes>();

/**
 * The server's one `upgrade` listener. Once Node emits `upgrade`, nobody else answers the socket:
 * a listener that ignores a path leaks the socket for ever (H3), and one that throws ends the whole
 * process (C1). So every upgrade comes here: a route that claims its path gets it inside a try/catch,
 * anything else gets 404, and the socket is always answered or destroyed.
 */
export class UpgradeRoutes {
  private readonly routes: UpgradeRoute[] = [];

  private constructor(private readonly logger: Logger) {}

  /** Attaches the router to an HTTP server (makeServer does this, so even a server without routes refuses upgrades). */
  static attach(server: HttpServer, logger: Logger): UpgradeRoutes {
    const existing = routers.get(server);
    if (existing) return existing;
    const router = new UpgradeRoutes(logger);
    routers.set(server, router);
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => router.dispatch(request, socket, head));
    return router;
  }

  /** The router makeServer attached to this server. */
  static of(server: HttpServer): UpgradeRoutes {
    const router = routers.get(server);
    if (!router) throw new Error('UpgradeRoutes.of(): this server has no upgrade router; build it with makeServer(), which attaches one');
    return router;
  }

  add(route: UpgradeRoute): void {
    this.routes.push(route);
  }

  private dispatch(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', (error: NodeJS.ErrnoException) => {
      this.logger.debug('upgrade socket failed', { code: error.code });
      socket.destroy();
    });
    try {
      let url: URL;
      try {
        // Only the path and query count; an absolute-form target (`GET http://host/x`) must not pick the base.
        url = new URL(request.url ?? '/', 'http://localhost');
        if (!(request.url ?? '/').startsWith('/')) throw new Error('not origin-form');
      } catch {
        return answerAndClose(socket, 400, 'bad_request', 'the request target is not a path such as /v3/directline/conversations/{id}/stream');
      }
      const route = this.routes.find((candidate) => candidate.claims(url.pathname));
      if (!route) return answerAndClose(socket, 404, 'not_found', `no WebSocket is served at ${url.pathname.slice(0, 200)}`);
      route.handle(request, socket, head, url);
    } catch (error) {
      // A bug in a route must not end the process; it must not go unnoticed either.
      this.logger.error('an upgrade handler failed; the socket was closed', { url: request.url?.slice(0, 300), error, stack: (error as Error).stack });
      if (!socket.destroyed) answerAndClose(socket, 500, 'internal_error', 'the server could not open this stream; see the server log');
    }
  }
}
