import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../../core/index.js';
import { describeActivityProblems } from './activity-schema.js';
import { guardAgainstMalformedRequests } from './request-guards.js';
import { jsonBody } from './json-body.js';

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
  /** With DATABASE_URL: whether PostgreSQL answers now; /healthz and /readyz report 503 when it does not. */
  databaseOk?: () => Promise<boolean>;
  /** True once a graceful shutdown has begun: /readyz reports 503 so the load balancer sends no more. */
  draining?: () => boolean;
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
  // Nothing the server answers may be kept by a browser or a shared cache unless the route says so
  // (the chat page's static files do): API answers carry transcripts, cases and customer data.
  server.use((_req, res, next) => {
    res.setHeader('cache-control', 'no-store');
    next();
  });
  server.use(jsonBody({ maxBytes: options.maxBodyBytes, refuse: (res, refusal) => sendError(res, refusal.status, refusal.code, refusal.message) }));

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

  // Which store and which error are in the log; the answers only say what kind of problem it is.
  const database = async () => (options.databaseOk ? ((await options.databaseOk()) ? { database: 'ok' } : { database: 'unreachable' }) : {});
  // Health: is this process working (a load balancer or systemd may restart it otherwise).
  server.get('/healthz', async (_req: Request, res: Response) => {
    const db = await database();
    if (!options.isReady()) res.send(503, { status: 'starting', ...db });
    else if (options.storageOk && !options.storageOk()) res.send(503, { status: 'degraded', problem: 'storage', ...db });
    else if (db.database === 'unreachable') res.send(503, { status: 'degraded', problem: 'database', ...db });
    else res.send(200, { status: 'ok', ...db });
  });
  // Readiness: should the load balancer send requests here now (not while starting or shutting down).
  server.get('/readyz', async (_req: Request, res: Response) => {
    const db = await database();
    if (options.draining?.()) res.send(503, { status: 'stopping', ...db });
    else if (!options.isReady()) res.send(503, { status: 'starting', ...db });
    else if (options.storageOk && !options.storageOk()) res.send(503, { status: 'degraded', problem: 'storage', ...db });
    else if (db.database === 'unreachable') res.send(503, { status: 'degraded', problem: 'database', ...db });
    else res.send(200, { status: 'ready', ...db });
  });

  for (const install of installers) install(server);

  // Every error restify raises or a route throws leaves in our shape `{ error: { code, message } }`.
  // Without this, an exception escaping a route went out as restify's `{"code":"Internal","message":
  // "ConversationLimitError: ..."}`, naming our internals to anyone (L6).
  server.on('restifyError', (req: Request, res: Response, error: unknown, callback: () => void) => {
    const status = statusOf(error);
    if (status >= 500) options.logger.error('request failed', { method: req.method, path: req.path(), error, stack: (error as Error | undefined)?.stack });
    if (!res.headersSent) sendError(res, status, codeFor(status), safeMessage(status, req, options.maxBodyBytes));
    return callback();
  });

  return server;
}

export function sendError(res: Response, status: number, code: string, message: string, details?: unknown): void {
  res.send(status, { error: { code, message, ...(details === undefined ? {} : { details }) } });
}

const ERROR_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorised',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  500: 'internal_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
};

function codeFor(status: number): string {
  return ERROR_CODES[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
}

/** The HTTP status an error asks for; anything that is not a 4xx or 5xx error of restify's is a 500. */
function statusOf(error: unknown): number {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599 ? status : 500;
}

/**
 * A message that says what to do and nothing about the inside: never the error's own text, which
 * can carry a class name, a path or a DNS answer (L6). The log has the details.
 */
function safeMessage(status: number, req: Request, maxBodyBytes: number): string {
  switch (status) {
    case 404:
      return `there is no ${req.method} ${req.path()}; see the README for the routes`;
    case 405:
      return `${req.method} is not allowed on ${req.path()}`;
    case 413:
      return `the request body is larger than ${maxBodyBytes} bytes (MAX_BODY_BYTES)`;
    case 415:
      return 'send the body as JSON with Content-Type: application/json';
    default:
      return status >= 500 ? 'the server could not handle the request; the details are in the server log' : `the request was refused (HTTP ${status})`;
  }
}

export async function listen(server: Server, port: number, host: string): Promise<{ port: number; url: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return { port: address.port, url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}` };
}
