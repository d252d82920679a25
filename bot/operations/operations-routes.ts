import { sameText } from '../../core/index.js';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { computeMetrics, type CaseReports, type HandoffMetrics } from '../../handoff/index.js';
import { instantAt, localDateOf } from '../../dialogs/opening-hours/index.js';
import type { CustomerData } from './customer-data.js';
import { safeIdSchema } from '../http/safe-id-schema.js';
import { sendError, type RouteInstaller } from '../http/http-server.js';

export interface OperationsRoutesDeps {
  reports: CaseReports;
  customerData: CustomerData;
  /** Bearer token for GET /api/metrics; the route refuses every request while it is unset. */
  metricsToken: string | undefined;
  /** Bearer token for the customer-data (GDPR) routes; refused while unset. */
  adminToken: string | undefined;
  now: () => Date;
  /** The service's time zone, for "handoffs today". */
  timeZone: () => string;
  /** Other ways to be allowed to read the metrics besides METRICS_TOKEN, e.g. a signed-in agent (agent console). */
  metricsReaders?: readonly MetricsReader[];
}

/** True when the request may read the metrics without METRICS_TOKEN. */
export type MetricsReader = (req: Request) => Promise<boolean>;

// The same id rules as everywhere ids come in: an id the bot would never have stored is a 400, not an empty export.
const customerParams = z.object({
  channelId: safeIdSchema('is required'),
  userId: safeIdSchema('is required'),
});

/**
 * Routes for operators: metrics as JSON (`GET /api/metrics`), and a customer's data on request:
 * `GET /api/customers/:channelId/:userId/data` (export) and `DELETE /api/customers/:channelId/:userId`
 * (erasure). Each needs its bearer token.
 */
export function operationsRoutes(deps: OperationsRoutesDeps): RouteInstaller {
  return (server: Server) => {
    server.get('/api/metrics', async (req: Request, res: Response) => {
      const reader = await someReaderAllows(deps.metricsReaders ?? [], req);
      if (!reader && !authorised(req, res, deps.metricsToken, 'METRICS_TOKEN')) return;
      res.send(200, await serviceMetrics(deps.reports, deps.now(), deps.timeZone()));
    });

    server.get('/api/customers/:channelId/:userId/data', async (req: Request, res: Response) => {
      if (!authorised(req, res, deps.adminToken, 'ADMIN_TOKEN')) return;
      const params = parseParams(req, res);
      if (params) res.send(200, await deps.customerData.export(params.channelId, params.userId));
    });

    server.del('/api/customers/:channelId/:userId', async (req: Request, res: Response) => {
      if (!authorised(req, res, deps.adminToken, 'ADMIN_TOKEN')) return;
      const params = parseParams(req, res);
      if (params) res.send(200, await deps.customerData.erase(params.channelId, params.userId));
    });
  };
}

/** The metrics now, "today" starting at midnight in the service's time zone. */
export async function serviceMetrics(reports: CaseReports, now: Date, timeZone: string): Promise<HandoffMetrics> {
  const todayStartsAt = instantAt(localDateOf(now, timeZone), 0, timeZone);
  return computeMetrics(await reports.allRecords(), now, todayStartsAt);
}

async function someReaderAllows(readers: readonly MetricsReader[], req: Request): Promise<boolean> {
  for (const reader of readers) if (await reader(req)) return true;
  return false;
}

function parseParams(req: Request, res: Response): z.output<typeof customerParams> | undefined {
  const parsed = customerParams.safeParse(req.params);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  sendError(res, 400, 'invalid_request', problems.join('; '), problems);
  return undefined;
}

/** Checks `Authorization: Bearer <token>` in constant time; answers 401 itself when it fails. */
export function authorised(req: Request, res: Response, token: string | undefined, variable: string): boolean {
  const given = /^Bearer (.+)$/i.exec(req.header('authorization') ?? '')?.[1];
  if (token && given && sameText(given, token)) return true;
  res.header('WWW-Authenticate', 'Bearer');
  sendError(
    res,
    401,
    'unauthorised',
    token ? 'send Authorization: Bearer <token> with a valid token' : `this route is off until ${variable} is set in the environment`,
  );
  return false;
}
