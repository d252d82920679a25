import { processCpuMs, processesCpuMs } from '../../../tools/bench/process-cpu.js';

/** Registers this file's tests; test/tools/bench-tools.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function benchProcessCpuTests(): void {
  describe('CPU time of the benchmarked processes', () => {
    test("a process's reading grows by the CPU time it spent, as Node itself counts it", () => {
      const before = processCpuMs(process.pid);
      const counted = process.cpuUsage();
      // Spin until Node counts 200 ms of CPU (wall-clock time would depend on what else runs).
      let spent = 0;
      while (spent < 200) {
        const usage = process.cpuUsage(counted);
        spent = (usage.user + usage.system) / 1000;
      }
      const after = processCpuMs(process.pid);
      expect(before).not.toBeNull();
      // Both are rounded to the kernel's 10 ms ticks.
      expect(after! - before!).toBeGreaterThanOrEqual(spent - 20);
      expect(after! - before!).toBeLessThanOrEqual(spent + 40);
    });

    test('a process that is gone, or none given, reads as unknown rather than zero', () => {
      expect(processCpuMs(undefined)).toBeNull();
      expect(processCpuMs(2 ** 22 + 7)).toBeNull();
    });

    test('processes are summed by command name, and a name no process has sums to zero', () => {
      expect(processesCpuMs('no-such-command-vastaa')).toBe(0);
      expect(processesCpuMs('node')).toBeGreaterThan(0);
    });
  });
}
