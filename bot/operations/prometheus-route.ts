import type { Request, Response, Server } from 'restify';
import type { RouteInstaller } from '../http/http-server.js';
import { authorised } from './operations-routes.js';
import type { PrometheusMetrics } from './prometheus-metrics.js';

/**
 * `GET /metrics` in the Prometheus text format, for operators' Prometheus and Grafana. Behind the
 * same bearer token as `GET /api/metrics` (METRICS_TOKEN; set `authorization` with `credentials` in
 * the scrape config), refused while the token is unset.
 */
export function prometheusRoute(metrics: PrometheusMetrics, metricsToken: string | undefined): RouteInstaller {
  return (server: Server) => {
    server.get('/metrics', async (req: Request, res: Response) => {
      if (!authorised(req, res, metricsToken, 'METRICS_TOKEN')) return;
      const body = await metrics.scrape();
      res.writeHead(200, { 'content-type': metrics.contentType, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
      res.end(body);
    });
  };
}
