import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** How long a refused socket may take to flush its answer before it is destroyed anyway. */
const FLUSH_TIMEOUT_MS = 5_000;

/**
 * Answers on a socket no http.ServerResponse owns (a refused upgrade, a request Node could not parse)
 * with our `{ error: { code, message } }` body, and closes it. The socket is destroyed once the answer
 * is flushed, or after a few seconds: `end()` alone would wait for the client's FIN for ever (the
 * server allows half-open sockets), which is how H3 leaked a descriptor per request.
 */
export function answerAndClose(socket: Duplex, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  // A socket handed over by 'upgrade' or 'clientError' has no error listener left: a reset while we
  // write would otherwise be an uncaught 'error' event, and that ends the process (C1).
  if (socket.listenerCount('error') === 0) socket.on('error', () => socket.destroy());
  if (socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: { code, message } });
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Connection: close',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  const timer = setTimeout(() => socket.destroy(), FLUSH_TIMEOUT_MS);
  timer.unref();
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`, () => {
    clearTimeout(timer);
    socket.destroy();
  });
  socket.once('close', () => clearTimeout(timer));
}
