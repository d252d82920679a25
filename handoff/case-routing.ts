import type { Language } from '../core/languages.js';
import type { CaseRecord } from './case-records.js';
import type { HandoffTransaction } from './handoff-store.js';

/** An agent routing may give cases to now (online), with their skills and their limit. */
export interface RoutableAgent {
  login: string;
  /** Open chats the agent takes at most; routing never gives them more. */
  maxChats: number;
  languages: readonly Language[];
  teams: readonly string[];
}

/**
 * Which team takes a case, by the case's intent or handoff reason: `{ billing: 'billing' }` sends
 * billing cases to the billing team. A case whose intent and reason are both unmapped is
 * general: any agent with its language may take it.
 */
export type CaseTeams = Readonly<Record<string, string>>;

/** The default map (CASE_TEAMS replaces it): the intents whose cases need a specialist team. */
export const DEFAULT_CASE_TEAMS: CaseTeams = { billing: 'billing', order_status: 'orders', outage: 'outages' };

/**
 * The team of a case: the team it was transferred to, else its intent's team, else its reason's,
 * else null (general).
 *
 * @example
 * teamOfCase({ summary: { intent: 'billing' }, reason: 'sensitive_topic' }, DEFAULT_CASE_TEAMS)  // 'billing'
 */
export function teamOfCase(record: Pick<CaseRecord, 'team' | 'reason'> & { summary: Pick<CaseRecord['summary'], 'intent'> }, teams: CaseTeams): string | null {
  if (record.team) return record.team;
  const intent = record.summary.intent;
  return (intent !== null && Object.hasOwn(teams, intent) ? teams[intent] : undefined) ?? (Object.hasOwn(teams, record.reason) ? teams[record.reason]! : null);
}

/** Whether `agent` has the skills for `record`: its language, and its team when it has one. */
export function fits(agent: RoutableAgent, record: CaseRecord, teams: CaseTeams): boolean {
  const team = teamOfCase(record, teams);
  return agent.languages.includes(record.language) && (team === null || agent.teams.includes(team));
}

/** One routing decision: which case went to whom. */
export interface RoutedCase {
  caseId: string;
  agent: string;
}

/**
 * Decides, inside one store transaction, which waiting cases go to which of `agents`: the queue in
 * its order (priority, then the longest waiting), each case to the least busy agent who fits it and
 * is below their maximum; among equally busy ones, the one routed to longest ago (round robin).
 * Loads are counted from the cases assigned in this same transaction, so two routings running one
 * after the other can never push an agent past their maximum. Returns the decisions; the caller
 * writes them.
 */
export function planRouting(tx: HandoffTransaction, agents: readonly RoutableAgent[], teams: CaseTeams): RoutedCase[] {
  if (agents.length === 0) return [];
  const load = new Map(agents.map((agent) => [agent.login, 0]));
  for (const record of tx.cases({ status: ['assigned'] })) {
    if (record.agent && load.has(record.agent)) load.set(record.agent, load.get(record.agent)! + 1);
  }
  const hasRoom = () => agents.some((agent) => load.get(agent.login)! < agent.maxChats);
  // Every agent full (a busy hour): nothing to decide, and no reason to read the queue or the history.
  if (!hasRoom()) return [];
  const lastRouted = lastRoutedAt(tx.cases({ where: (record) => record.events.some((event) => event.event === 'routed') }), load);
  const order = new Map(agents.map((agent, index) => [agent.login, index]));
  const plan: RoutedCase[] = [];
  let sequence = 0;

  // In queue order, one case read at a time, until no agent has room left.
  for (const { id } of tx.waitingQueue()) {
    if (!hasRoom()) break;
    const record = tx.case(id)!;
    const sender = returnedBy(record);
    const candidates = agents.filter((agent) => agent.login !== sender && load.get(agent.login)! < agent.maxChats && fits(agent, record, teams));
    if (candidates.length === 0) continue;
    const chosen = candidates.reduce((best, agent) => (compare(agent, best) < 0 ? agent : best));
    load.set(chosen.login, load.get(chosen.login)! + 1);
    // Later in this plan than anything stored: the next case of the plan goes to someone else first.
    lastRouted.set(chosen.login, `~${String(++sequence).padStart(6, '0')}`);
    plan.push({ caseId: record.id, agent: chosen.login });
  }
  return plan;

  function compare(a: RoutableAgent, b: RoutableAgent): number {
    return (
      load.get(a.login)! - load.get(b.login)! ||
      (lastRouted.get(a.login) ?? '').localeCompare(lastRouted.get(b.login) ?? '') ||
      order.get(a.login)! - order.get(b.login)!
    );
  }
}

/** When each agent was last given a case by routing, from the cases' history (ISO times sort as text). */
function lastRoutedAt(cases: readonly CaseRecord[], agents: ReadonlyMap<string, number>): Map<string, string> {
  const last = new Map<string, string>();
  for (const record of cases) {
    for (const event of record.events) {
      if (event.event !== 'routed' || !event.detail || !agents.has(event.detail)) continue;
      if ((last.get(event.detail) ?? '') < event.at) last.set(event.detail, event.at);
    }
  }
  return last;
}

/**
 * The agent who just put the case back in the queue (released it, or transferred it to a team):
 * routing does not give it straight back to them, or "release" would mean "keep".
 */
function returnedBy(record: CaseRecord): string | undefined {
  const last = record.events.at(-1);
  const returned = last?.event === 'released' || (last?.event === 'transferred' && last.detail?.startsWith('team:'));
  return returned && last.by.startsWith('agent:') ? last.by.slice('agent:'.length) : undefined;
}
