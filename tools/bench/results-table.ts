import type { BenchResults } from './bench-results.js';
import type { EndToEndResult } from './end-to-end.js';
import { TIMED_PASSES } from './engine.js';
import type { TargetCheck } from './targets.js';

const fixed = (value: number | null, digits: number) => (value === null || !Number.isFinite(value) ? '–' : value.toFixed(digits));
const times = (value: number | null) => (value === null || !Number.isFinite(value) ? '–' : `${value < 0.1 ? value.toFixed(3) : value.toFixed(2)}×`);

/** The run as markdown: engines side by side, ours ÷ each peer, the bot end to end, and the targets. */
export function renderResultsTable(results: BenchResults): string {
  const lines: string[] = [];
  const { dataset, machine } = results;
  lines.push(
    `Data set **${dataset.name}**: train ${dataset.train} (+${dataset.oosTrain} out-of-scope), val ${dataset.val} + ${dataset.oosVal}, test ${dataset.test} + ${dataset.oosTest}.`,
  );
  lines.push(
    `Machine: ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, ${machine.platform}; 1-minute load average ${machine.loadAverage.atStart} at the start, ${machine.loadAverage.atEnd} at the end; run ${results.generatedAt}.`,
    '',
  );
  if (results.engines.length === 0) return renderTargets(lines, results.targets);
  lines.push(
    '| scheme | engine | threshold on | in-scope accuracy | out-of-scope recall | accuracy without threshold | train (CPU) | p50 / msg | p99 / msg | peak memory |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results.engines) {
    const engine = r.primary ? `**${r.engine}**` : r.engine;
    lines.push(
      `| ${r.scheme} | ${engine} | ${r.confidence} | ${fixed(r.inScopeAccuracy, 2)} % | ${r.oosRecall === null ? '–' : `${fixed(r.oosRecall, 1)} %`} | ${fixed(r.accuracyWithoutThreshold, 2)} % | ${fixed(r.trainMs / 1000, 1)} s (${fixed(r.trainCpuMs / 1000, 1)} s) | ${fixed(r.p50Ms, 3)} ms | ${fixed(r.p99Ms, 3)} ms | ${r.peakRssMb} MiB |`,
    );
  }
  lines.push(
    '',
    `Thresholds chosen on val + oos_val, reported on test + oos_test. Train: wall clock, calibration included (CPU time of the process in brackets: above the wall clock when other threads, such as the garbage collector, helped; below it when other processes had the cores). p50 / p99: per message, from the quietest (lowest p99) of ${TIMED_PASSES} timed passes over the test texts. Peak memory: the engine's own child process.`,
  );
  if (results.ratios.length > 0) {
    lines.push('', 'Ours ÷ peer (accuracy and recall: above 1× is better; time and memory: below 1× is better):', '');
    lines.push('| scheme | peer | in-scope accuracy | out-of-scope recall | train time | p50 | p99 | peak memory |', '|---|---|---|---|---|---|---|---|');
    for (const q of results.ratios) {
      lines.push(
        `| ${q.scheme} | ${q.peer} | ${times(q.inScopeAccuracy)} | ${times(q.oosRecall)} | ${times(q.trainMs)} | ${times(q.p50Ms)} | ${times(q.p99Ms)} | ${times(q.peakRssMb)} |`,
      );
    }
  }
  if (results.endToEnd) lines.push('', ...renderEndToEndLines(results.endToEnd));
  return renderTargets(lines, results.targets);
}

export function renderTargets(lines: string[], targets: readonly TargetCheck[]): string {
  if (targets.length > 0) {
    lines.push('', '| target | measured | met |', '|---|---|---|');
    for (const check of targets) lines.push(`| ${check.target} | ${check.measured} | ${check.met ? 'yes' : '**no**'} |`);
  }
  return lines.join('\n') + '\n';
}

/** The bot end to end as markdown: one row per message and concurrency, then the replies measured. */
export function renderEndToEndLines(e2e: EndToEndResult): string[] {
  const lines = [
    `The bot end to end (POST /api/messages, deliveryMode expectReplies, loopback, load from autocannon in its own process, ${e2e.secondsPerLevel} s per level after a warm-up): store ${e2e.store}, ${e2e.instances} bot process(es), start-up ${fixed(e2e.startupMs / 1000, 1)} s, server peak memory ${fixed(e2e.serverPeakRssMb, 0)} MiB.`,
    '',
    '| message | concurrency | turns | p50 | p99 | turns / s | bot CPU / turn | failed |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const load of e2e.loads) {
    lines.push(
      `| ${load.message}: "${load.text}" | ${load.concurrency} | ${load.turns} | ${fixed(load.p50Ms, 0)} ms | ${fixed(load.p99Ms, 0)} ms | ${fixed(load.turnsPerSecond, 0)} | ${load.botCpuMsPerTurn === null ? '–' : `${fixed(load.botCpuMsPerTurn, 2)} ms`} | ${load.errors} |`,
    );
  }
  const replies = [...new Map(e2e.loads.map((load) => [load.message, load])).values()];
  lines.push(
    '',
    'Every turn is the first message of a new conversation. Replies measured:',
    ...replies.map(
      (load) =>
        `- ${load.message}: "${load.sampleReply.replace(/\s+/g, ' ').slice(0, 120)}"${load.sampleEvents.length > 0 ? ` (events: ${load.sampleEvents.join(', ')})` : ''}`,
    ),
  );
  return lines;
}
