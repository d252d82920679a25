import { buildBot, startBot } from './bot-server.js';
import { runLoad } from './load-loop.js';
import { percentile } from './percentile.js';

export interface TurnLoad {
  message: string;
  text: string;
  concurrency: number;
  turns: number;
  p50Ms: number;
  p99Ms: number;
  turnsPerSecond: number;
  errors: number;
  sampleReply: string;
  sampleEvents: string[];
}

export interface EndToEndResult {
  /** From spawning the first bot to its /healthz answering, training included. */
  startupMs: number;
  /** The highest peak resident memory of the bots (one per message). */
  serverPeakRssMb: number | null;
  loads: TurnLoad[];
}

export const MESSAGES = [
  { message: 'faq (en)', text: 'what are your opening hours' },
  { message: 'faq (fi)', text: 'mitkä ovat aukioloajat' },
  { message: 'handoff (en)', text: 'I want to talk to a person' },
] as const;
export const CONCURRENCIES = [1, 16, 64] as const;
const TURNS: Record<(typeof CONCURRENCIES)[number], number> = { 1: 500, 16: 2000, 64: 3200 };
const WARM_UP_TURNS = 200;
/** Per concurrency level; a handoff turn writes the handoff store and can be much slower than an answer. */
const MAX_LOAD_MS = 30_000;

/**
 * The real bot through POST /api/messages: build, then per message a freshly started bot with an
 * empty DATA_DIR (every turn opens a conversation, and what earlier messages stored must not slow
 * the next), a warm-up, and every concurrency level.
 */
export async function measureEndToEnd(projectRoot: string, log: (line: string) => void): Promise<EndToEndResult> {
  log('building the bot (npm run build)');
  await buildBot(projectRoot);
  const loads: TurnLoad[] = [];
  let startupMs: number | undefined;
  let serverPeakRssMb: number | null = null;
  for (const { message, text } of MESSAGES) {
    const bot = await startBot(projectRoot);
    startupMs ??= bot.startupMs;
    log(`${message}: bot ready at ${bot.url} after ${bot.startupMs} ms`);
    try {
      await runLoad({ url: bot.url, text, concurrency: 4, turns: WARM_UP_TURNS, maxMs: MAX_LOAD_MS, conversationPrefix: 'warm-up' });
      for (const concurrency of CONCURRENCIES) {
        const result = await runLoad({
          url: bot.url,
          text,
          concurrency,
          turns: TURNS[concurrency],
          maxMs: MAX_LOAD_MS,
          conversationPrefix: `load-${concurrency}`,
        });
        const load: TurnLoad = {
          message,
          text,
          concurrency,
          turns: result.latenciesMs.length,
          p50Ms: percentile(result.latenciesMs, 50),
          p99Ms: percentile(result.latenciesMs, 99),
          turnsPerSecond: (result.latenciesMs.length / result.wallMs) * 1000,
          errors: result.errors,
          sampleReply: result.sampleReply,
          sampleEvents: result.sampleEvents,
        };
        log(
          `${message} x${concurrency}: ${load.turns} turns, p50 ${load.p50Ms.toFixed(2)} ms, p99 ${load.p99Ms.toFixed(2)} ms, ${load.turnsPerSecond.toFixed(0)} turns/s, ${load.errors} errors`,
        );
        loads.push(load);
      }
      const peak = bot.peakRssMb();
      if (peak !== null) serverPeakRssMb = Math.max(serverPeakRssMb ?? 0, peak);
    } finally {
      await bot.stop();
    }
  }
  return { startupMs: startupMs ?? NaN, serverPeakRssMb, loads };
}
