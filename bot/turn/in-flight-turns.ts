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

  onTurn(_context: TurnContext, next: () => Promise<void>): Promise<void> {
    return this.track(next);
  }

  /**
   * Counts `work` as in flight while it runs. A channel wraps a turn in it from the moment it accepts the
   * activity: a turn queued behind an earlier one of its conversation is not in the middleware yet, and a
   * shutdown that saw no turn running would close the database under it (the turn then failed on an ended pool).
   */
  track = async <T>(work: () => Promise<T>): Promise<T> => {
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      if (this.running === 0) for (const resolve of this.waiting.splice(0)) resolve();
    }
  };

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
