import type { Request, RequestHandler, Response } from 'restify';

/** A request as the body reader leaves it: `body` parsed, `rawBody` the exact bytes (Messenger signs them). */
export type RequestWithBody = Request & { rawBody?: Buffer };

/** Why a body was refused, for the caller to answer in the API's error shape. */
export interface BodyRefusal {
  status: 400 | 413 | 415;
  code: 'invalid_json' | 'payload_too_large' | 'unsupported_media_type';
  message: string;
}

/**
 * Reads a request body as JSON, bounded, and nothing else. Replaces restify's `bodyParser`, whose
 * multipart branch ignored `maxBodySize` and wrote every file part to the OS temporary folder (H2),
 * and whose reader counted the compressed bytes of a gzip body, not what it inflated to.
 *
 * - no body (no Content-Length, or 0, and not chunked): the route runs with `req.body` undefined, so
 *   DELETE and a bare POST keep working whatever Content-Type they carry;
 * - a Content-Type other than application/json, or any Content-Encoding: 415 before a byte is read;
 * - a Content-Length over `maxBytes`: 413 at once; a chunked body that grows past it: 413 as soon as it does;
 * - invalid JSON: 400 naming the parse error.
 * A refusal before the end of the body closes the connection afterwards, so the rest is never read.
 */
export function jsonBody(options: { maxBytes: number; refuse: (res: Response, refusal: BodyRefusal) => void }): RequestHandler {
  const { maxBytes, refuse } = options;
  const refuseAndClose = (res: Response, refusal: BodyRefusal) => {
    res.setHeader('connection', 'close');
    refuse(res, refusal);
  };
  const tooLarge: BodyRefusal = { status: 413, code: 'payload_too_large', message: `the request body is larger than ${maxBytes} bytes (MAX_BODY_BYTES)` };

  return (req, res, next) => {
    const declared = Number(req.header('content-length') || 0);
    if (!(declared > 0) && !req.isChunked()) return next();
    if (!req.is('application/json')) {
      return refuseAndClose(res, { status: 415, code: 'unsupported_media_type', message: 'send the body as JSON with Content-Type: application/json' });
    }
    const encoding = String(req.header('content-encoding') ?? 'identity')
      .trim()
      .toLowerCase();
    if (encoding !== 'identity') {
      return refuseAndClose(res, { status: 415, code: 'unsupported_media_type', message: 'send the body uncompressed (no Content-Encoding)' });
    }
    if (declared > maxBytes) return refuseAndClose(res, tooLarge);

    const chunks: Buffer[] = [];
    let received = 0;
    let finished = false;
    const finish = (refusal?: BodyRefusal) => {
      if (finished) return;
      finished = true;
      req.removeListener('data', onData);
      if (refusal) return refuseAndClose(res, refusal);
      const raw = Buffer.concat(chunks, received);
      (req as RequestWithBody).rawBody = raw;
      if (raw.length === 0) return next();
      try {
        req.body = JSON.parse(raw.toString('utf8'));
      } catch (error) {
        // The whole body has been read: the connection can stay open for the next request.
        return refuse(res, { status: 400, code: 'invalid_json', message: `the body is not valid JSON: ${(error as Error).message}` });
      }
      next();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        // Stop buffering at once: the rest of an oversized body is never held in memory.
        chunks.length = 0;
        req.pause();
        return finish(tooLarge);
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => finish());
    // A client that goes away mid-body gets no answer; the handlers after this one never run.
    req.once('aborted', () => {
      finished = true;
    });
    req.once('error', () => {
      finished = true;
    });
    req.resume();
  };
}
