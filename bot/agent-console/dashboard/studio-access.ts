import type { Caller } from '../console-auth.js';

/** The parts of the Studio pages a role may use. */
export type StudioPart = 'service_dashboard' | 'intent_analytics';

/**
 * Who may read the Studio's numbers: the one place the roles are checked. Today the agents file knows
 * `agent` and `supervisor`, and supervisors read both parts. When the file gains `editor` and `admin`,
 * extend this function: admins read both, editors the intent analytics only.
 */
export function mayUseStudio(caller: Caller, part: StudioPart): boolean {
  switch (part) {
    case 'service_dashboard':
    case 'intent_analytics':
      return caller.agent.role === 'supervisor';
    default:
      return part satisfies never;
  }
}
