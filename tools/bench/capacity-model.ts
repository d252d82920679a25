import type { EndToEndResult, TurnLoad } from './end-to-end.js';

/** What an operator knows or assumes about their service at its busiest hour. */
export interface Demand {
  /** Conversations started in the busiest hour. */
  customersPerHour: number;
  /** Customer messages per conversation (GET /metrics: vastaa_customer_turns_total ÷ conversations). */
  turnsPerConversation: number;
  /** Share of conversations handed to a person (GET /api/metrics: the handoff rate). */
  handoffShare: number;
  /** The busiest minute's rate ÷ the hour's average (outages arrive as a wave, not evenly). */
  peakFactor: number;
}

/** The demand from the command's flags (text as typed); throws naming the flag and the allowed range. */
export function demandOfFlags(flags: Partial<Record<'customers-per-hour' | 'turns' | 'handoff-share' | 'peak-factor', string>>): Demand {
  const number = (flag: keyof typeof flags, min: number, max: number): number => {
    const text = flags[flag];
    const value = Number(text);
    if (text === undefined || text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
      throw new Error(`--${flag} must be a number from ${min} to ${max}, not "${text ?? ''}"`);
    }
    return value;
  };
  return {
    customersPerHour: number('customers-per-hour', 1, 10_000_000),
    turnsPerConversation: number('turns', 1, 100),
    handoffShare: number('handoff-share', 0, 1),
    peakFactor: number('peak-factor', 1, 60),
  };
}

/** How busy a core may run and still answer within the p99 target (queueing grows fast above it). */
export const TARGET_UTILISATION = 0.6;

/** The measured per-turn costs the model works from (CPU time per answered turn). */
export interface TurnCosts {
  store: EndToEndResult['store'];
  /** From which run and level, for the reader. */
  source: string;
  faqBotMs: number;
  handoffBotMs: number;
  /** PostgreSQL's CPU per turn (null on the file store). */
  faqDatabaseMs: number | null;
  handoffDatabaseMs: number | null;
}

export interface CapacityPlan {
  peakTurnsPerSecond: number;
  botCores: number;
  /** Bot processes: one core's worth of turns each, plus one spare on PostgreSQL so that losing one does not overload the rest. */
  instances: number;
  databaseCores: number | null;
  /** Customers per hour one instance carries at the target utilisation, with this demand's mix. */
  customersPerHourPerInstance: number;
  /** The embedded store runs one process: whether that one can carry the demand. */
  fitsOneProcess: boolean;
}

/**
 * Per-turn CPU costs from a benchmark run: the level at concurrency 16 (busy, not saturated), where
 * a FAQ and a handoff turn were each measured. Throws when the run has no CPU figures (an older
 * result file, or a machine without /proc), saying what to run.
 */
export function turnCostsOf(run: EndToEndResult, fileName: string): TurnCosts {
  const at16 = (kind: 'faq' | 'handoff'): TurnLoad => {
    const load = run.loads.find((each) => each.message.startsWith(kind) && each.concurrency === 16);
    if (!load || load.botCpuMsPerTurn === null || load.botCpuMsPerTurn === undefined) {
      throw new Error(
        `${fileName}: no CPU time per ${kind} turn at concurrency 16; run \`npm run bench -- --only e2e${run.store === 'postgres' ? ' --store postgres' : ''}\` first`,
      );
    }
    return load;
  };
  const faq = at16('faq');
  const handoff = at16('handoff');
  return {
    store: run.store,
    source: `${fileName} (${run.instances} instance${run.instances === 1 ? '' : 's'}, concurrency 16)`,
    faqBotMs: faq.botCpuMsPerTurn!,
    handoffBotMs: handoff.botCpuMsPerTurn!,
    faqDatabaseMs: faq.databaseCpuMsPerTurn ?? null,
    handoffDatabaseMs: handoff.databaseCpuMsPerTurn ?? null,
  };
}

/**
 * Cores and instances for a demand: every conversation has `turnsPerConversation` turns, of which
 * one is the handoff turn in the `handoffShare` that are handed off and the rest cost what a FAQ turn
 * costs; the busiest minute runs at `peakFactor` times the hour's average; a core runs at most
 * TARGET_UTILISATION busy.
 */
export function planCapacity(demand: Demand, costs: TurnCosts): CapacityPlan {
  const turnsPerConversation = Math.max(1, demand.turnsPerConversation);
  const handoffTurns = demand.handoffShare;
  const faqTurns = turnsPerConversation - handoffTurns;
  const botMsPerConversation = faqTurns * costs.faqBotMs + handoffTurns * costs.handoffBotMs;
  const databaseMsPerConversation =
    costs.faqDatabaseMs === null || costs.handoffDatabaseMs === null ? null : faqTurns * costs.faqDatabaseMs + handoffTurns * costs.handoffDatabaseMs;
  const peakConversationsPerSecond = (demand.customersPerHour / 3600) * demand.peakFactor;
  const botCores = (peakConversationsPerSecond * botMsPerConversation) / 1000 / TARGET_UTILISATION;
  const customersPerHourPerInstance = ((TARGET_UTILISATION * 1000) / botMsPerConversation / demand.peakFactor) * 3600;
  const needed = Math.max(1, Math.ceil(botCores));
  return {
    peakTurnsPerSecond: peakConversationsPerSecond * turnsPerConversation,
    botCores,
    instances: costs.store === 'postgres' ? needed + 1 : needed,
    databaseCores: databaseMsPerConversation === null ? null : (peakConversationsPerSecond * databaseMsPerConversation) / 1000 / TARGET_UTILISATION,
    customersPerHourPerInstance,
    fitsOneProcess: botCores <= 1,
  };
}
