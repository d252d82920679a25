// The load generator of the end-to-end bench, in a process of its own (run-load.ts forks it) so that
// making requests does not take CPU from the bot it measures.
import autocannon from 'autocannon';
import { turnBody } from './turn-body.js';

export interface LoadJob {
  /** One or more bot URLs; autocannon spreads the connections over them round-robin. */
  urls: string[];
  text: string;
  connections: number;
  durationSeconds: number;
  /** Each request opens conversation `${conversationPrefix}-${n}` from customer `${conversationPrefix}-${n}`. */
  conversationPrefix: string;
}

export interface LoadRun {
  /** Turns answered 200. */
  turns: number;
  /** Non-200 answers, socket errors and timeouts. */
  failures: number;
  p50Ms: number;
  p99Ms: number;
  durationMs: number;
}

async function run(job: LoadJob): Promise<LoadRun> {
  let next = 0;
  const result = await autocannon({
    url: job.urls.map((url) => `${url}/api/messages`),
    connections: job.connections,
    duration: job.durationSeconds,
    // A handoff turn at concurrency 64 can wait seconds in a slow build; autocannon's default of 10 s would count it as failed.
    timeout: 30,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: turnBody(job.text, `${job.conversationPrefix}-${next++}`) }) }],
  });
  return {
    turns: result['2xx'],
    failures: result.non2xx + result.errors + result.timeouts,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    durationMs: result.duration * 1000,
  };
}

const job = JSON.parse(process.argv[2] ?? '{}') as LoadJob;
run(job).then(
  (result) => process.send?.(result),
  (error: unknown) => {
    process.stderr.write(`load-worker: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
