import { timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { describeIssues } from '../../core/http/fetch-json.js';
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

export interface DemoOrderApiOptions {
  /** demo/orders.json or DEMO_ORDERS_FILE. */
  file: string;
  /** A random secret of this process; the bot's own order client sends it as `Authorization: Bearer <key>`. */
  key: string;
  onProblem: (message: string) => void;
}

/** Headers a proxy adds; the bot's own call never has them, so a request with one came from outside. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

/**
 * Mounts `GET /demo/order-api/orders/:id` on the bot's server, answering from a JSON file
 * (demo/orders.json). Used while DEMO is on and ORDER_API_URL is unset, so `npm start` works end to end.
 * It answers only the bot itself: a loopback socket, no proxy headers, and this process's key. Without
 * that, anyone could read the demo orders' names, addresses and emails (security review L8), and a real
 * file put in DEMO_ORDERS_FILE would be public. The file is read on every request, so edits show at once;
 * a broken file answers 500 naming the problem.
 */
export function demoOrderApi(options: DemoOrderApiOptions): (server: Server) => void {
  const expected = Buffer.from(`Bearer ${options.key}`);
  const fromTheBot = (req: Request): boolean => {
    if (!isLoopback(req.socket?.remoteAddress)) return false;
    if (FORWARDING_HEADERS.some((name) => req.headers[name] !== undefined)) return false;
    const given = Buffer.from(String(req.headers.authorization ?? ''));
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  return (server) => {
    // restify warns about (and logs, bodies included) any value an async handler returns, so none return one.
    server.get(`${DEMO_ORDER_API_PATH}/orders/:id`, async (req: Request, res: Response) => {
      if (!fromTheBot(req)) {
        res.send(403, { error: { code: 'demo_bot_only', message: 'the demo order API answers only this bot itself; set ORDER_API_URL to your order API' } });
        return;
      }
      let orders: z.output<typeof demoOrdersSchema>['orders'];
      try {
        const parsed = demoOrdersSchema.safeParse(JSON.parse(await readFile(options.file, 'utf8')));
        if (!parsed.success) throw new Error(describeIssues(parsed.error));
        orders = parsed.data.orders;
      } catch (error) {
        const message = `demo order API: ${options.file}: ${(error as Error).message}`;
        options.onProblem(message);
        res.send(500, { error: { code: 'demo_data_invalid', message } });
        return;
      }
      const order = orders.find((candidate) => candidate.id === req.params.id);
      if (order) res.send(200, order);
      else res.send(404, { error: { code: 'not_found', message: `no order ${String(req.params.id)}` } });
    });
  };
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  return plain === '::1' || (isIP(plain) === 4 && plain.startsWith('127.'));
}
