import type { EndToEndResult } from './end-to-end.js';
import type { EngineResult } from './engine-result.js';

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

/** The targets of issue 7, checked against this run's numbers (CLINC150 only: they are stated for it). */
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
  for (const load of endToEnd?.loads.filter((each) => each.concurrency === 1) ?? []) {
    checks.push({ target: `bot turn p50 <= 10 ms at concurrency 1, ${load.message}`, measured: `${load.p50Ms.toFixed(2)} ms`, met: load.p50Ms <= 10 });
  }
  return checks;
}
