import type { AgentRole } from './agent-directory.js';

/** The two parts of the console a user may open: the cases (/agent) and the studio (/studio). */
export type ConsoleArea = 'cases' | 'studio';

/**
 * Which role opens which area. An editor teaches the bot and never sees customers' cases; an agent
 * works cases and never edits content; a supervisor and an admin do both.
 */
export const ROLE_AREAS: Record<AgentRole, readonly ConsoleArea[]> = {
  agent: ['cases'],
  editor: ['studio'],
  supervisor: ['cases', 'studio'],
  admin: ['cases', 'studio'],
};

export function mayUse(role: AgentRole, area: ConsoleArea): boolean {
  return ROLE_AREAS[role].includes(area);
}

/** Roles that may open an area, for the 403 message: "editor, supervisor, admin". */
export function rolesFor(area: ConsoleArea): string {
  return (Object.keys(ROLE_AREAS) as AgentRole[]).filter((role) => mayUse(role, area)).join(', ');
}
