import type { EndToEndResult } from './end-to-end.js';
import type { EngineResult } from './engine-result.js';

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

/** The targets of issues 7 and 14, checked against this run's numbers (CLINC150 only: they are stated for it). */
export function checkTargets(results: readonly EngineResult[], endToEnd: EndToEndResult | undefined): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const threshold = results.find((result) => result.engine === 'ours' && result.primary && result.scheme === 'oos-threshold');
  if (threshold) {
    checks.push({
      target: 'oos-threshold in-scope accuracy >= 92.0 %',
      measured: `${threshold.inScopeAccuracy.toFixed(2)} %`,
      met: threshold.inScopeAccuracy >= 92,
    });
    const recall = threshold.oosRecall ?? 0;
    checks.push({ target: 'oos-threshold out-of-scope recall >= 55 %', measured: `${recall.toFixed(1)} %`, met: recall >= 55 });
  }
  const ours = results.filter((result) => result.engine === 'ours' && result.primary);
  if (ours.length > 0) {
    const slowest = Math.max(...ours.map((result) => result.trainMs));
    const cpu = Math.max(...ours.map((result) => result.trainCpuMs));
    checks.push({
      target: 'training on 15,000 examples <= 15 s',
      measured: `${(slowest / 1000).toFixed(1)} s wall clock, ${(cpu / 1000).toFixed(1)} s CPU (slowest scheme)`,
      met: slowest <= 15_000,
    });
    const p99 = Math.max(...ours.map((result) => result.p99Ms));
    checks.push({ target: 'classification p99 <= 2 ms', measured: `${p99.toFixed(2)} ms`, met: p99 <= 2 });
  }
  checks.push(...checkEndToEndTargets(endToEnd));
  return checks;
}

/**
 * Issue 14's speed targets: for one bot process on the file store, FAQ and handoff throughput; on
 * PostgreSQL, 600 FAQ turns/s for one instance and, for several, more than one instance managed
 * (`oneInstance`: the last one-instance PostgreSQL run, when there is one).
 */
export function checkEndToEndTargets(endToEnd: EndToEndResult | undefined, oneInstance?: EndToEndResult): TargetCheck[] {
  if (!endToEnd) return [];
  if (endToEnd.store === 'postgres') return checkPostgresTargets(endToEnd, oneInstance);
  if (endToEnd.instances !== 1) return [];
  const checks: TargetCheck[] = [];
  const faq = endToEnd.loads.filter((load) => load.message.startsWith('faq'));
  const faq64 = faq.find((load) => load.concurrency === 64);
  if (faq64) {
    checks.push({ target: 'FAQ turns/s >= 1,000 at concurrency 64', measured: faq64.turnsPerSecond.toFixed(0), met: faq64.turnsPerSecond >= 1000 });
    checks.push({ target: 'FAQ p99 < 150 ms at concurrency 64', measured: `${faq64.p99Ms.toFixed(0)} ms`, met: faq64.p99Ms < 150 });
  }
  if (faq.length > 1) {
    const rates = faq.map((load) => load.turnsPerSecond);
    const rising = rates.every((rate, index) => index === 0 || rate >= rates[index - 1]!);
    checks.push({ target: 'FAQ turns/s does not fall as concurrency rises', measured: rates.map((rate) => rate.toFixed(0)).join(' → '), met: rising });
  }
  const handoff16 = endToEnd.loads.find((load) => load.message.startsWith('handoff') && load.concurrency === 16);
  if (handoff16) {
    checks.push({ target: 'handoff turns/s >= 300 at concurrency 16', measured: handoff16.turnsPerSecond.toFixed(0), met: handoff16.turnsPerSecond >= 300 });
  }
  checks.push(noFailedTurn(endToEnd));
  return checks;
}

function checkPostgresTargets(endToEnd: EndToEndResult, oneInstance: EndToEndResult | undefined): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const faq64 = faqAt64(endToEnd);
  if (faq64 && endToEnd.instances === 1) {
    checks.push({
      target: 'PostgreSQL, one instance: FAQ turns/s >= 600 at concurrency 64',
      measured: faq64.turnsPerSecond.toFixed(0),
      met: faq64.turnsPerSecond >= 600,
    });
  }
  const single = oneInstance && oneInstance.store === 'postgres' && oneInstance.instances === 1 ? faqAt64(oneInstance) : undefined;
  if (faq64 && endToEnd.instances > 1 && single) {
    checks.push({
      target: `PostgreSQL: ${endToEnd.instances} instances faster than one (FAQ turns/s at concurrency 64)`,
      measured: `${faq64.turnsPerSecond.toFixed(0)} against ${single.turnsPerSecond.toFixed(0)}`,
      met: faq64.turnsPerSecond > single.turnsPerSecond,
    });
  }
  checks.push(noFailedTurn(endToEnd));
  return checks;
}

const faqAt64 = (run: EndToEndResult) => run.loads.find((load) => load.message.startsWith('faq') && load.concurrency === 64);

function noFailedTurn(endToEnd: EndToEndResult): TargetCheck {
  const failed = endToEnd.loads.reduce((sum, load) => sum + load.errors, 0);
  return { target: 'no failed turn', measured: String(failed), met: failed === 0 };
}
