import restify, { type Request, type RequestHandler, type Response, type Server } from 'restify';
import type { Logger } from '../core/index.js';
import { describeActivityProblems } from './activity-schema.js';
import { guardAgainstMalformedRequests } from './request-guards.js';

export type TurnProcessor = (req: Request, res: Response) => Promise<void>;

export interface HttpServerOptions {
  maxBodyBytes: number;
  logger: Logger;
  /** Runs one incoming activity through the adapter (CloudAdapter.process). */
  processActivity: TurnProcessor;
  /** True while the bot can answer (content loaded); /healthz reports 503 otherwise. */
  isReady: () => boolean;
  /** False while a store's last write failed (disk full, read-only); /healthz reports 503 then. */
  storageOk?: () => boolean;
}

/** Routes that later parts (agent console, web chat) add to the same server. */
export type RouteInstaller = (server: Server) => void;

/**
 * Builds the HTTP server without starting it, so tests can run the real thing on a random loopback port.
 */
export function makeServer(options: HttpServerOptions, installers: readonly RouteInstaller[] = []): Server {
  const server = restify.createServer({ name: 'vastaa', handleUncaughtExceptions: false });
  guardAgainstMalformedRequests(server, options.logger);
  // Longer than the idle timeouts of the load balancers in front (Azure: 4 min is the limit, 60 s is
  // common): otherwise Node's 5 s default closes a kept-alive connection just as a client reuses it,
  // which the client sees as ECONNRESET (also when a content reload keeps the event loop busy).
  server.server.keepAliveTimeout = 65_000;
  server.server.headersTimeout = 66_000;
  // A request without a body (DELETE, a bare POST to claim a case) has no content type to check:
  // restify would take it for application/octet-stream and refuse it with 415.
  const hasBody = (req: Request) => Number(req.header('content-length') || 0) > 0 || req.isChunked();
  const bodyHandlers = restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes, mapParams: false, rejectUnknown: true }) as unknown as RequestHandler[];
  server.use(...bodyHandlers.map((handler): RequestHandler => (req, res, next) => (hasBody(req) ? handler(req, res, next) : next())));

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (!req.is('application/json')) {
      return sendError(res, 415, 'unsupported_media_type', 'send the activity as JSON with Content-Type: application/json');
    }
    const problems = describeActivityProblems(req.body);
    if (problems.length > 0) return sendError(res, 400, 'invalid_activity', problems.join('; '), problems);
    try {
      await options.processActivity(req, res);
    } catch (error) {
      options.logger.error('processing an activity failed', { error, stack: (error as Error).stack });
      if (!res.headersSent) sendError(res, 500, 'internal_error', 'the bot could not process the activity; see the server log');
    }
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    // Which store and which error are in the log; the answer only says what kind of problem it is.
    if (!options.isReady()) res.send(503, { status: 'starting' });
    else if (options.storageOk && !options.storageOk()) res.send(503, { status: 'degraded', problem: 'storage' });
    else res.send(200, { status: 'ok' });
  });

  for (const install of installers) install(server);

  // restify's own errors (413 body too large, 400 bad JSON, 404, 405) in the same shape as ours.
  server.on('restifyError', (_req: Request, res: Response, error: Error & { statusCode?: number; body?: { code?: string } }, callback: () => void) => {
    const status = error.statusCode ?? 500;
    const message =
      status === 413
        ? `the request body is larger than ${options.maxBodyBytes} bytes (MAX_BODY_BYTES)`
        : error.body?.code === 'InvalidContent' || /JSON/i.test(error.message)
          ? `the body is not valid JSON: ${error.message}`
          : error.message;
    (error as { toJSON?: () => unknown }).toJSON = () => ({ error: { code: codeFor(status), message } });
    return callback();
  });

  return server;
}

export function sendError(res: Response, status: number, code: string, message: string, details?: unknown): void {
  res.send(status, { error: { code, message, ...(details === undefined ? {} : { details }) } });
}

function codeFor(status: number): string {
  return ({ 400: 'bad_request', 404: 'not_found', 405: 'method_not_allowed', 413: 'payload_too_large', 415: 'unsupported_media_type' } as Record<number, string>)[status] ?? 'error';
}

export async function listen(server: Server, port: number, host: string): Promise<{ port: number; url: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return { port: address.port, url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}` };
}
