import type { CaseTeams } from '../../handoff/index.js';
import type { AgentList } from './agent-directory.js';

/** The teams a case can go to: those CASE_TEAMS names and those agents belong to, sorted. */
export async function knownTeams(directory: AgentList, teams: CaseTeams): Promise<string[]> {
  const names = new Set(Object.values(teams));
  for (const agent of await directory.list()) for (const team of agent.teams) names.add(team);
  return [...names].sort();
}
