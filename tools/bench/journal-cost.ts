import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHandoffDesks } from '../../handoff/index.js';
import { LowdbHandoffStore, openJournalFile, type OpenJournal } from '../../bot/store/index.js';
import { percentile } from './percentile.js';

export interface JournalLoad {
  /** "fsync": as the bot runs; "no fsync": the same journal with fsync skipped, to show what fsync costs. */
  mode: 'fsync' | 'no fsync';
  concurrency: number;
  cases: number;
  p50Ms: number;
  p99Ms: number;
  casesPerSecond: number;
  fsyncsPerCase: number;
}

export const JOURNAL_CONCURRENCIES = [1, 16, 64] as const;
const CASES = 1000;

/**
 * What fsync and group commit cost: opening a case (one handoff-store transaction, as a handoff
 * turn does) on a real journal in a temporary folder on the machine's disk, with every concurrency,
 * once as the bot runs and once with fsync skipped. The folder's file system decides the numbers: a
 * tmpfs makes fsync free, so run it where DATA_DIR would live (TMPDIR=/path/on/that/disk).
 */
export async function measureJournalCost(log: (line: string) => void): Promise<JournalLoad[]> {
  const loads: JournalLoad[] = [];
  for (const mode of ['fsync', 'no fsync'] as const) {
    for (const concurrency of JOURNAL_CONCURRENCIES) {
      const load = await measureOnce(mode, concurrency);
      log(
        `journal, ${mode}, x${concurrency}: p50 ${load.p50Ms.toFixed(2)} ms, p99 ${load.p99Ms.toFixed(2)} ms, ${load.casesPerSecond.toFixed(0)} cases/s, ${load.fsyncsPerCase.toFixed(3)} fsyncs per case`,
      );
      loads.push(load);
    }
  }
  return loads;
}

async function measureOnce(mode: JournalLoad['mode'], concurrency: number): Promise<JournalLoad> {
  const folder = await mkdtemp(path.join(tmpdir(), 'vastaa-journal-bench-'));
  let fsyncs = 0;
  const openJournal: OpenJournal = async (file) => {
    const handle = await openJournalFile(file);
    return {
      write: (buffer, offset, length, position) => handle.write(buffer, offset, length, position),
      sync: async () => {
        fsyncs++;
        if (mode === 'fsync') await handle.sync();
      },
      truncate: (length) => handle.truncate(length),
      close: () => handle.close(),
    };
  };
  try {
    const desk = createHandoffDesks(await LowdbHandoffStore.open(path.join(folder, 'handoff.json'), { openJournal })).customer;
    const latenciesMs: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < CASES) {
          const n = next++;
          const begun = performance.now();
          await desk.openCase({
            conversation: { key: `bench/c-${n}`, customerKey: `bench/u-${n}`, channelId: 'bench', language: 'en' },
            reference: {},
            reason: 'customer_request',
            signals: [],
            priority: 3,
            score: 1,
            summary: {
              headline: 'I want to talk to a person',
              intent: null,
              topic: null,
              details: {},
              sentiment: 'calm',
              upsetSignals: [],
              botSaid: [],
              firstMessage: 'I want to talk to a person',
            },
          });
          latenciesMs.push(performance.now() - begun);
        }
      }),
    );
    const wallMs = performance.now() - started;
    return {
      mode,
      concurrency,
      cases: latenciesMs.length,
      p50Ms: percentile(latenciesMs, 50),
      p99Ms: percentile(latenciesMs, 99),
      casesPerSecond: (latenciesMs.length / wallMs) * 1000,
      fsyncsPerCase: fsyncs / latenciesMs.length,
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
