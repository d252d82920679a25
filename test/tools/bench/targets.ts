import type { EndToEndResult, TurnLoad } from '../../../tools/bench/end-to-end.js';
import { checkEndToEndTargets } from '../../../tools/bench/targets.js';

/** Registers this file's tests; test/tools/bench-tools.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function benchTargetsTests(): void {
  const load = (message: string, concurrency: number, turnsPerSecond: number, p99Ms = 50, errors = 0): TurnLoad => ({
    message,
    text: '',
    concurrency,
    turns: turnsPerSecond * 10,
    p50Ms: p99Ms / 2,
    p99Ms,
    turnsPerSecond,
    errors,
    botCpuMsPerTurn: null,
    databaseCpuMsPerTurn: null,
    sampleReply: '',
    sampleEvents: [],
  });
  const run = (loads: TurnLoad[], store: EndToEndResult['store'] = 'files', instances = 1): EndToEndResult => ({
    store,
    instances,
    secondsPerLevel: 10,
    startupMs: 1000,
    serverPeakRssMb: 300,
    loads,
  });

  describe('end-to-end targets (issue 14)', () => {
    test('met when FAQ reaches 1,000 turns/s at 64 without falling, p99 under 150 ms, and handoffs 300/s at 16', () => {
      const checks = checkEndToEndTargets(
        run([load('faq (fi)', 1, 400), load('faq (fi)', 16, 1000), load('faq (fi)', 64, 1100, 120), load('handoff (fi)', 16, 320)]),
      );
      expect(checks.map((check) => [check.target, check.met])).toEqual([
        ['FAQ turns/s >= 1,000 at concurrency 64', true],
        ['FAQ p99 < 150 ms at concurrency 64', true],
        ['FAQ turns/s does not fall as concurrency rises', true],
        ['handoff turns/s >= 300 at concurrency 16', true],
        ['no failed turn', true],
      ]);
    });

    test('not met when throughput falls at higher concurrency, p99 is too high or a turn failed', () => {
      const checks = checkEndToEndTargets(
        run([load('faq (fi)', 1, 400), load('faq (fi)', 16, 1200), load('faq (fi)', 64, 1100, 150, 2), load('handoff (fi)', 16, 299)]),
      );
      expect(checks.filter((check) => !check.met).map((check) => check.target)).toEqual([
        'FAQ p99 < 150 ms at concurrency 64',
        'FAQ turns/s does not fall as concurrency rises',
        'handoff turns/s >= 300 at concurrency 16',
        'no failed turn',
      ]);
      expect(checks.find((check) => check.target.includes('fall'))?.measured).toBe('400 → 1200 → 1100');
    });

    test('on PostgreSQL one instance must reach 600 FAQ turns/s at concurrency 64', () => {
      const met = checkEndToEndTargets(run([load('faq (fi)', 64, 640)], 'postgres', 1));
      expect(met.map((check) => [check.target, check.measured, check.met])).toEqual([
        ['PostgreSQL, one instance: FAQ turns/s >= 600 at concurrency 64', '640', true],
        ['no failed turn', '0', true],
      ]);
      expect(checkEndToEndTargets(run([load('faq (fi)', 64, 590)], 'postgres', 1))[0]?.met).toBe(false);
    });

    test('on PostgreSQL several instances are checked against the last one-instance run, when there is one', () => {
      const single = run([load('faq (fi)', 64, 600)], 'postgres', 1);
      const faster = checkEndToEndTargets(run([load('faq (fi)', 64, 700)], 'postgres', 2), single);
      expect(faster[0]).toEqual({ target: 'PostgreSQL: 2 instances faster than one (FAQ turns/s at concurrency 64)', measured: '700 against 600', met: true });
      expect(checkEndToEndTargets(run([load('faq (fi)', 64, 550)], 'postgres', 2), single)[0]?.met).toBe(false);
      expect(checkEndToEndTargets(run([load('faq (fi)', 64, 5000)], 'postgres', 2)).map((check) => check.target)).toEqual(['no failed turn']);
    });
  });
}
