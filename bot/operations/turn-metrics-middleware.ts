import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { performance } from 'node:perf_hooks';

/** Where the middleware reports each customer turn (PrometheusMetrics). */
export interface TurnRecorder {
  turnTaken(channelId: string, seconds: number): void;
}

/**
 * Counts and times every customer message's turn, on every adapter (the middleware list all channels
 * share). Other activities (a member joining, an agent's reply sent through continueConversation)
 * are not customer turns and would blur the latency. A failed turn is timed too: a slow failure is
 * what operators most need to see.
 */
export class TurnMetricsMiddleware implements Middleware {
  constructor(private readonly recorder: TurnRecorder) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.type !== ActivityTypes.Message) return next();
    const started = performance.now();
    try {
      await next();
    } finally {
      this.recorder.turnTaken(context.activity.channelId ?? 'unknown', (performance.now() - started) / 1000);
    }
  }
}
