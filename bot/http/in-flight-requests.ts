import type { Server, ServerResponse } from 'node:http';

const LONG_LIVED = Symbol('vastaa.longLivedResponse');

/** Marks a response that stays open until the client leaves (an event stream): a shutdown does not wait for it. */
export function markLongLived(res: ServerResponse): void {
  (res as ServerResponse & { [LONG_LIVED]?: true })[LONG_LIVED] = true;
}

/**
 * Counts the HTTP requests being answered, so a graceful shutdown closes the stores only after the
 * requests it had accepted are answered: a customer's message still being admitted (its turn not yet
 * started) or an agent's reply being written would otherwise meet closed connections. Event streams
 * (`markLongLived`) are not waited for; they are cut when the console closes.
 */
export class InFlightRequests {
  private readonly open = new Set<ServerResponse>();

  constructor(server: Server) {
    server.on('request', (_req, res: ServerResponse) => {
      this.open.add(res);
      res.once('close', () => this.open.delete(res));
    });
  }

  get count(): number {
    let count = 0;
    for (const res of this.open) if (!(res as ServerResponse & { [LONG_LIVED]?: true })[LONG_LIVED]) count++;
    return count;
  }

  /** Resolves when no request is being answered, or after `timeoutMs` at the latest; true when they all were. */
  async idle(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.count > 0) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return true;
  }
}
