// `npx tsx tools/bench/sign-in-flood.ts [parallel sign-ins, default 32]` after `npm run build`: customer FAQ
// turns (one at a time) without and then with a flood of sign-ins with distinct logins from distinct
// addresses (security review H4: 32 of them made turns 740× slower when scrypt ran on libuv's pool).
// A measurement to read, not a test: a latency comparison has no place in the unit tests.
import { request } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBot } from './bot-server.js';
import { runLoad } from './load-loop.js';
import { percentile } from './percentile.js';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TURNS = 200;
const log = (line: string) => process.stdout.write(`[sign-in flood] ${line}\n`);

async function main(): Promise<void> {
  const parallel = Number(process.argv[2] ?? 32);
  // Loopback is the trusted proxy, so each flooding loop has its own address (X-Forwarded-For), as
  // 32 real clients would: the per-address limit stays out of the way and the global limit is measured.
  const bot = await startBot(PROJECT_ROOT, { TRUSTED_PROXIES: 'loopback' });
  try {
    const text = 'what are your opening hours';
    await runLoad({ url: bot.url, text, concurrency: 1, turns: 50, conversationPrefix: 'warm-up' });
    const quiet = await runLoad({ url: bot.url, text, concurrency: 1, turns: TURNS, conversationPrefix: 'quiet' });
    const flood = startFlood(bot.url, parallel);
    const loaded = await runLoad({ url: bot.url, text, concurrency: 1, turns: TURNS, conversationPrefix: 'flooded' });
    const counts = await flood.stop();
    for (const [name, run] of [
      ['no sign-ins', quiet],
      [`${parallel} parallel sign-ins`, loaded],
    ] as const) {
      log(`${name}: FAQ turn p50 ${percentile(run.latenciesMs, 50).toFixed(1)} ms, p90 ${percentile(run.latenciesMs, 90).toFixed(1)} ms, ${run.errors} errors`);
    }
    log(
      `sign-in answers during the flood: ${Object.entries(counts)
        .map(([status, count]) => `${count} × ${status}`)
        .join(', ')}`,
    );
  } finally {
    await bot.stop();
  }
}

/**
 * `parallel` loops, each signing in again as soon as it has an answer, every attempt with a new login
 * and address: the per-login and per-address limits never apply, so only the global limit stands.
 */
function startFlood(url: string, parallel: number): { stop(): Promise<Record<string, number>> } {
  let running = true;
  const counts: Record<string, number> = {};
  let attempts = 0;
  const loops = Array.from({ length: parallel }, async () => {
    while (running) {
      const attempt = attempts++;
      const status = await signIn(url, `flood-${attempt}`, `guess-${attempt}-xxxxxxxx`, `198.18.${(attempt >> 8) & 255}.${attempt & 255}`);
      counts[status] = (counts[status] ?? 0) + 1;
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return counts;
    },
  };
}

function signIn(url: string, login: string, password: string, address: string): Promise<string> {
  const body = JSON.stringify({ login, password });
  return new Promise((resolve) => {
    const req = request(
      `${url}/api/agent/sign-in`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-forwarded-for': address } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(String(res.statusCode)));
      },
    );
    req.on('error', () => resolve('error'));
    req.end(body);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
