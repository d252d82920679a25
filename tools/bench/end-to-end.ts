import type { BenchStore } from './bench-options.js';
import { buildBot, startBot, type RunningBot } from './bot-server.js';
import { turnBody } from './turn-body.js';
import { benchDatabaseUrl, freshSchema } from './bench-database.js';
import { runLoad } from './run-load.js';
import { processesCpuMs } from './process-cpu.js';
import { alwaysOpenContent, type BenchContent } from './always-open-content.js';

export interface TurnLoad {
  message: string;
  text: string;
  concurrency: number;
  /** Turns answered 200 within the level's duration. */
  turns: number;
  p50Ms: number;
  p99Ms: number;
  turnsPerSecond: number;
  /** Non-200 answers, socket errors and timeouts. */
  errors: number;
  /** CPU time of the bot processes per answered turn (all instances together), or null without /proc. */
  botCpuMsPerTurn: number | null;
  /** CPU time of the PostgreSQL server's processes per answered turn (--store postgres), or null. */
  databaseCpuMsPerTurn: number | null;
  sampleReply: string;
  sampleEvents: string[];
}

export interface EndToEndResult {
  store: BenchStore;
  instances: number;
  /** Seconds of load per concurrency level (after a warm-up). */
  secondsPerLevel: number;
  /** From spawning the first bot to its /healthz answering, training included. */
  startupMs: number;
  /** The highest peak resident memory of the bots. */
  serverPeakRssMb: number | null;
  loads: TurnLoad[];
}

export interface EndToEndOptions {
  store: BenchStore;
  instances: number;
  quick: boolean;
}

export const MESSAGES = [
  { message: 'faq (fi)', text: 'mihin aikaan olette auki?', handoff: false },
  { message: 'handoff (fi)', text: 'haluan puhua ihmisen kanssa', handoff: true },
] as const;
export const CONCURRENCIES = [1, 16, 64] as const;
const TIMING = { full: { warmUpSeconds: 5, secondsPerLevel: 15 }, quick: { warmUpSeconds: 2, secondsPerLevel: 5 } };

/**
 * The real bot through POST /api/messages: build, then per message freshly started bots with an
 * empty store (every turn opens a conversation, and what earlier messages stored must not slow the
 * next), one checked sample turn, a warm-up, and a fixed duration at every concurrency level, the
 * load from autocannon in a process of its own.
 */
export async function measureEndToEnd(projectRoot: string, options: EndToEndOptions, log: (line: string) => void): Promise<EndToEndResult> {
  // PostgreSQL: checked before the build, so a missing server is said at once.
  const serverUrl = options.store === 'postgres' ? benchDatabaseUrl() : undefined;
  const timing = options.quick ? TIMING.quick : TIMING.full;
  log('building the bot (npm run build)');
  await buildBot(projectRoot);
  const loads: TurnLoad[] = [];
  let startupMs: number | undefined;
  let serverPeakRssMb: number | null = null;
  for (const { message, text, handoff } of MESSAGES) {
    const bots: RunningBot[] = [];
    const schema = serverUrl ? await freshSchema(serverUrl, `bench_${process.pid}_${loads.length}`) : undefined;
    // Handoffs are measured inside service hours whatever the time of day (see alwaysOpenContent); the FAQ
    // message asks for the opening hours, so it keeps the real ones.
    let content: BenchContent | undefined;
    try {
      content = handoff ? await alwaysOpenContent(projectRoot) : undefined;
      const env = { ...(schema ? { DATABASE_URL: schema.databaseUrl } : {}), ...(content ? { CONTENT_DIR: content.dir } : {}) };
      for (let n = 0; n < options.instances; n++) bots.push(await startBot(projectRoot, env));
      startupMs ??= bots[0]!.startupMs;
      const urls = bots.map((bot) => bot.url);
      log(`${message}: ${bots.length} bot(s) ready at ${urls.join(', ')} after ${bots[0]!.startupMs} ms`);
      const sample = await sampleTurn(urls[0]!, text);
      if (sample.events.includes('handoff.initiate') !== handoff) {
        throw new Error(`measureEndToEnd(): "${text}" ${handoff ? 'did not hand off' : 'handed off'} (reply: "${sample.reply}")`);
      }
      await runLoad({ urls, text, connections: 4 * urls.length, durationSeconds: timing.warmUpSeconds, conversationPrefix: 'warm-up' });
      for (const concurrency of CONCURRENCIES) {
        const cpuBefore = cpuNow(bots, Boolean(serverUrl));
        const run = await runLoad({ urls, text, connections: concurrency, durationSeconds: timing.secondsPerLevel, conversationPrefix: `load-${concurrency}` });
        const cpu = cpuPerTurn(cpuBefore, cpuNow(bots, Boolean(serverUrl)), run.turns);
        const load: TurnLoad = {
          message,
          text,
          concurrency,
          turns: run.turns,
          p50Ms: run.p50Ms,
          p99Ms: run.p99Ms,
          turnsPerSecond: (run.turns / run.durationMs) * 1000,
          errors: run.failures,
          ...cpu,
          sampleReply: sample.reply,
          sampleEvents: sample.events,
        };
        log(
          `${message} x${concurrency}: ${load.turns} turns, p50 ${load.p50Ms.toFixed(1)} ms, p99 ${load.p99Ms.toFixed(1)} ms, ${load.turnsPerSecond.toFixed(0)} turns/s, ${load.errors} failed, ` +
            `CPU per turn: bot ${msOrDash(load.botCpuMsPerTurn)}${serverUrl ? `, PostgreSQL ${msOrDash(load.databaseCpuMsPerTurn)}` : ''}`,
        );
        loads.push(load);
      }
      for (const bot of bots) {
        const peak = bot.peakRssMb();
        if (peak !== null) serverPeakRssMb = Math.max(serverPeakRssMb ?? 0, peak);
      }
    } finally {
      await Promise.all(bots.map((bot) => bot.stop()));
      await schema?.drop();
      await content?.remove();
    }
  }
  return { store: options.store, instances: options.instances, secondsPerLevel: timing.secondsPerLevel, startupMs: startupMs ?? NaN, serverPeakRssMb, loads };
}

interface CpuReading {
  bots: number | null;
  database: number | null;
}

function cpuNow(bots: readonly RunningBot[], withDatabase: boolean): CpuReading {
  const readings = bots.map((bot) => bot.cpuMs());
  const botsMs = readings.every((reading) => reading !== null) ? readings.reduce<number>((sum, reading) => sum + reading!, 0) : null;
  // The machine's PostgreSQL serves only this benchmark while it runs (a bench machine's server may
  // have other idle databases, which cost next to nothing).
  return { bots: botsMs, database: withDatabase ? processesCpuMs('postgres') : null };
}

function cpuPerTurn(before: CpuReading, after: CpuReading, turns: number): Pick<TurnLoad, 'botCpuMsPerTurn' | 'databaseCpuMsPerTurn'> {
  const per = (start: number | null, end: number | null) => (start === null || end === null || turns === 0 ? null : (end - start) / turns);
  return { botCpuMsPerTurn: per(before.bots, after.bots), databaseCpuMsPerTurn: per(before.database, after.database) };
}

const msOrDash = (value: number | null) => (value === null ? '–' : `${value.toFixed(2)} ms`);

/** One turn before the load, to show and check what is measured (a handoff must send handoff.initiate). */
async function sampleTurn(url: string, text: string): Promise<{ reply: string; events: string[] }> {
  const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: turnBody(text, 'sample') });
  if (response.status !== 200) throw new Error(`measureEndToEnd(): the sample turn got ${response.status}: ${await response.text()}`);
  const { activities = [] } = (await response.json()) as { activities?: { type?: string; name?: string; text?: string }[] };
  return {
    reply: activities.find((activity) => activity.text)?.text ?? '',
    events: activities.filter((activity) => activity.type === 'event').map((activity) => activity.name ?? '(unnamed)'),
  };
}
