import { BackendError } from '../../core/http/backend-error.js';
import { fetchJson } from '../../core/http/fetch-json.js';
import { orderSchema, type Order, type OrderApi } from './order-schema.js';

export interface HttpOrderApiOptions {
  /** Base address; the client calls `{baseUrl}/orders/{id}`. A function when the address is known only after start (the built-in demo). */
  baseUrl: string | (() => string);
  timeoutMs: number;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: string;
}

/** The order API client: `GET {ORDER_API_URL}/orders/{id}`; 200 is the order, 404 means no such order. */
export class HttpOrderApi implements OrderApi {
  constructor(private readonly options: HttpOrderApiOptions) {}

  async findOrder(orderNumber: string): Promise<Order | undefined> {
    const base = typeof this.options.baseUrl === 'function' ? this.options.baseUrl() : this.options.baseUrl;
    const url = `${base.replace(/\/+$/, '')}/orders/${encodeURIComponent(orderNumber)}`;
    const result = await fetchJson({
      service: 'order API',
      url,
      timeoutMs: this.options.timeoutMs,
      schema: orderSchema,
      headers: this.options.token ? { authorization: `Bearer ${this.options.token}` } : {},
      acceptStatuses: [404],
    });
    if (result.status === 404) return undefined;
    const order = result.data!;
    // Answering about another order than the one asked would reveal someone else's order.
    if (order.id !== orderNumber) throw new BackendError('order API', 'invalid_data', `GET ${url} answered with order ${order.id}`);
    return order;
  }
}
