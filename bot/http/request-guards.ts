import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { parse as parseLegacyUrl } from 'node:url';
import type { Server } from 'restify';
import type { Logger } from '../../core/index.js';
import { answerAndClose } from './raw-answer.js';
import { UpgradeRoutes } from './upgrade-routes.js';

/**
 * Makes sure no request can stop the server (C1) or hold a socket for ever (H3):
 * - a request Node cannot parse (bad request line, header or version) gets 400 and its socket is closed;
 * - a request target restify cannot parse (`GET http://[bad/x`) gets 400 before restify's router,
 *   which would otherwise throw from `url.parse()` outside any handler and end the process;
 * - every WebSocket upgrade goes through UpgradeRoutes, which answers or closes each one.
 */
export function guardAgainstMalformedRequests(server: Server, logger: Logger): void {
  server.server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    try {
      logger.debug('refused a request the server could not parse', { code: error.code });
      const answered = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
      if (error.code === 'ECONNRESET' || answered || !socket.writable) {
        socket.destroy();
        return;
      }
      if (error.code === 'HPE_HEADER_OVERFLOW') return answerAndClose(socket, 431, 'headers_too_large', 'the request headers are too large');
      if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return answerAndClose(socket, 408, 'request_timeout', 'the request headers did not arrive in time');
      answerAndClose(socket, 400, 'bad_request', 'the request is not valid HTTP/1.1');
    } catch (failure) {
      logger.error('answering an unparsable request failed; the socket was closed', { error: failure });
      socket.destroy();
    }
  });

  // restify's `first()` (missing from its type definitions) runs before any of its own parsing.
  (server as Server & { first(handler: (req: IncomingMessage, res: ServerResponse) => boolean): Server }).first((req, res) => {
    if (parsableTarget(req.url)) return true;
    const body = JSON.stringify({ error: { code: 'bad_request', message: 'the request target is not a valid path or URL' } });
    res.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' });
    res.end(body);
    return false;
  });

  UpgradeRoutes.attach(server.server, logger);
}

/** Whether restify (legacy `url.parse`) and our handlers (`new URL`) can both read the request target. */
function parsableTarget(target: string | undefined): boolean {
  if (target === undefined) return false;
  try {
    parseLegacyUrl(target);
    new URL(target, 'http://localhost');
    return true;
  } catch {
    return false;
  }
}
