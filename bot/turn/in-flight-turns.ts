import type { Middleware, TurnContext } from 'botbuilder';

/**
 * Counts the turns running now, so a graceful shutdown (SIGTERM) can wait for them: a customer's
 * message that was accepted gets its answer (and its case) before the process exits.
 */
export class InFlightTurns implements Middleware {
  private running = 0;
  private waiting: (() => void)[] = [];

  get count(): number {
    return this.running;
  }

  async onTurn(_context: TurnContext, next: () => Promise<void>): Promise<void> {
    this.running++;
    try {
      await next();
    } finally {
      this.running--;
      if (this.running === 0) for (const resolve of this.waiting.splice(0)) resolve();
    }
  }

  /** Resolves when no turn runs, or after `timeoutMs` at the latest; true when they all finished. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.running === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiting.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
