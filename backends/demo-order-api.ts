import { readFile } from 'node:fs/promises';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { describeIssues } from './fetch-json.js';
import { orderSchema } from './order-schema.js';

/** Where the built-in demo order API is mounted on the bot's own server. */
export const DEMO_ORDER_API_PATH = '/demo/order-api';

/**
 * The demo orders file: records in the shape a shop's order API returns, with more than the bot needs
 * (name, address, items, prices), so the demo shows that the bot never repeats them.
 */
const demoOrdersSchema = z.object({
  orders: z.array(orderSchema.loose(), { error: 'must be a list of orders' }),
});

/**
 * Mounts `GET /demo/order-api/orders/:id` on the bot's server, answering from a JSON file
 * (demo/orders.json). Used when ORDER_API_URL is unset, so `npm start` works end to end.
 * The file is read on every request, so edits show at once; a broken file answers 500 naming the problem.
 */
export function demoOrderApi(file: string, onProblem: (message: string) => void): (server: Server) => void {
  return (server) => {
    // restify warns about (and logs, bodies included) any value an async handler returns, so none return one.
    server.get(`${DEMO_ORDER_API_PATH}/orders/:id`, async (req: Request, res: Response) => {
      let orders: z.output<typeof demoOrdersSchema>['orders'];
      try {
        const parsed = demoOrdersSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
        if (!parsed.success) throw new Error(describeIssues(parsed.error));
        orders = parsed.data.orders;
      } catch (error) {
        const message = `demo order API: ${file}: ${(error as Error).message}`;
        onProblem(message);
        res.send(500, { error: { code: 'demo_data_invalid', message } });
        return;
      }
      const order = orders.find((candidate) => candidate.id === req.params.id);
      if (order) res.send(200, order);
      else res.send(404, { error: { code: 'not_found', message: `no order ${String(req.params.id)}` } });
    });
  };
}
