import { demandOfFlags, planCapacity, turnCostsOf, type TurnCosts } from '../../../tools/bench/capacity-model.js';
import type { EndToEndResult, TurnLoad } from '../../../tools/bench/end-to-end.js';

/** Registers this file's tests; test/tools/bench-tools.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function benchCapacityModelTests(): void {
  const costs = (store: TurnCosts['store'], faqBotMs: number, handoffBotMs: number, database: number | null = null): TurnCosts => ({
    store,
    source: 'test',
    faqBotMs,
    handoffBotMs,
    faqDatabaseMs: database,
    handoffDatabaseMs: database === null ? null : database * 2,
  });

  describe('the capacity model', () => {
    test('turns a busy hour into peak turns per second, cores and instances from the measured CPU per turn', () => {
      // 36,000 customers an hour at twice the average in the busiest minute: 20 conversations/s,
      // 4 turns each (80 turns/s); a conversation costs 3.8 FAQ turns × 1 ms + 0.2 handoff turns × 3 ms = 4.4 ms.
      const plan = planCapacity({ customersPerHour: 36_000, turnsPerConversation: 4, handoffShare: 0.2, peakFactor: 2 }, costs('postgres', 1, 3, 0.5));
      expect(plan.peakTurnsPerSecond).toBeCloseTo(80);
      expect(plan.botCores).toBeCloseTo((20 * 4.4) / 1000 / 0.6);
      // 0.147 cores of load: one instance, plus a spare.
      expect(plan.instances).toBe(2);
      // PostgreSQL: 3.8 × 0.5 + 0.2 × 1 = 2.1 ms a conversation.
      expect(plan.databaseCores).toBeCloseTo((20 * 2.1) / 1000 / 0.6);
      expect(plan.customersPerHourPerInstance).toBeCloseTo(((0.6 * 1000) / 4.4 / 2) * 3600);
    });

    test('more customers need proportionally more instances, and the file store says when one process is not enough', () => {
      const demand = { turnsPerConversation: 4, handoffShare: 0.2, peakFactor: 2 };
      const small = planCapacity({ ...demand, customersPerHour: 10_000 }, costs('files', 1, 3));
      const large = planCapacity({ ...demand, customersPerHour: 1_000_000 }, costs('files', 1, 3));
      expect(small.fitsOneProcess).toBe(true);
      expect(small.instances).toBe(1);
      expect(small.databaseCores).toBeNull();
      expect(large.fitsOneProcess).toBe(false);
      expect(large.instances).toBe(Math.ceil(large.botCores));
      expect(large.botCores / small.botCores).toBeCloseTo(100);
    });

    test('reads the costs at concurrency 16 of a benchmark run, and says what to run when the run has no CPU figures', () => {
      const load = (message: string, concurrency: number, bot: number | null): TurnLoad => ({
        message,
        text: '',
        concurrency,
        turns: 100,
        p50Ms: 1,
        p99Ms: 2,
        turnsPerSecond: 100,
        errors: 0,
        botCpuMsPerTurn: bot,
        databaseCpuMsPerTurn: bot === null ? null : bot / 2,
        sampleReply: '',
        sampleEvents: [],
      });
      const run = (loads: TurnLoad[]): EndToEndResult => ({ store: 'postgres', instances: 2, secondsPerLevel: 5, startupMs: 1, serverPeakRssMb: 1, loads });
      const measured = turnCostsOf(run([load('faq (fi)', 1, 9), load('faq (fi)', 16, 1.5), load('handoff (fi)', 16, 4)]), 'r.json');
      expect(measured).toMatchObject({ store: 'postgres', faqBotMs: 1.5, handoffBotMs: 4, faqDatabaseMs: 0.75, handoffDatabaseMs: 2 });
      expect(measured.source).toBe('r.json (2 instances, concurrency 16)');
      expect(() => turnCostsOf(run([load('faq (fi)', 16, null), load('handoff (fi)', 16, 4)]), 'r.json')).toThrow(
        'r.json: no CPU time per faq turn at concurrency 16; run `npm run bench -- --only e2e --store postgres` first',
      );
    });

    test('a flag that is missing or out of range is refused with its name and the allowed range', () => {
      expect(demandOfFlags({ 'customers-per-hour': '5000', turns: '3', 'handoff-share': '0.1', 'peak-factor': '2' })).toEqual({
        customersPerHour: 5000,
        turnsPerConversation: 3,
        handoffShare: 0.1,
        peakFactor: 2,
      });
      expect(() => demandOfFlags({ turns: '3', 'handoff-share': '0.1', 'peak-factor': '2' })).toThrow(
        '--customers-per-hour must be a number from 1 to 10000000, not ""',
      );
      expect(() => demandOfFlags({ 'customers-per-hour': '5000', turns: '3', 'handoff-share': '20%', 'peak-factor': '2' })).toThrow(
        '--handoff-share must be a number from 0 to 1, not "20%"',
      );
    });
  });
}
