import { describe, expect, test } from '@jest/globals';
import { processCpuMs } from '../../../tools/bench/bot-server.js';

describe("the bench's CPU meter for the bot process", () => {
  test('counts the CPU a process spends, not the time that passes', async () => {
    const before = processCpuMs(process.pid);
    if (before === null) return expect(process.platform).not.toBe('linux');
    const busyUntil = Date.now() + 300;
    while (Date.now() < busyUntil) Math.sqrt(Math.random());
    const afterBusy = processCpuMs(process.pid)!;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const afterIdle = processCpuMs(process.pid)!;
    // 300 ms of spinning shows as CPU (minus what other processes took of the core meanwhile); 300 ms asleep almost not.
    expect(afterBusy - before).toBeGreaterThanOrEqual(50);
    expect(afterIdle - afterBusy).toBeLessThan(200);
  });

  test('says null for a process that is not there', () => {
    expect(processCpuMs(undefined)).toBeNull();
    expect(processCpuMs(2 ** 22 + 1)).toBeNull();
  });
});
