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
}

export interface EndToEndResult {
  startupMs: number;
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

/** The real bot through POST /api/messages: build, start, warm up, then every message at every concurrency. */
export async function measureEndToEnd(projectRoot: string, log: (line: string) => void): Promise<EndToEndResult> {
  log('building the bot (npm run build)');
  await buildBot(projectRoot);
  const bot = await startBot(projectRoot);
  log(`bot ready at ${bot.url} after ${bot.startupMs} ms`);
  try {
    const loads: TurnLoad[] = [];
    let run = 0;
    for (const { message, text } of MESSAGES) {
      await runLoad({ url: bot.url, text, concurrency: 4, turns: WARM_UP_TURNS, conversationPrefix: `warm-${run++}` });
      for (const concurrency of CONCURRENCIES) {
        const turns = TURNS[concurrency];
        const result = await runLoad({ url: bot.url, text, concurrency, turns, conversationPrefix: `load-${run++}` });
        const load: TurnLoad = {
          message,
          text,
          concurrency,
          turns,
          p50Ms: percentile(result.latenciesMs, 50),
          p99Ms: percentile(result.latenciesMs, 99),
          turnsPerSecond: (result.latenciesMs.length / result.wallMs) * 1000,
          errors: result.errors,
          sampleReply: result.sampleReply,
        };
        log(`${message} x${concurrency}: p50 ${load.p50Ms.toFixed(2)} ms, p99 ${load.p99Ms.toFixed(2)} ms, ${load.turnsPerSecond.toFixed(0)} turns/s, ${load.errors} errors`);
        loads.push(load);
      }
    }
    return { startupMs: bot.startupMs, serverPeakRssMb: bot.peakRssMb(), loads };
  } finally {
    await bot.stop();
  }
}
