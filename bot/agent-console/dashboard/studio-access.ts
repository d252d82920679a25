import type { Caller } from '../console-auth.js';

/** The parts of the Studio pages a role may use. */
export type StudioPart = 'service_dashboard' | 'intent_analytics';

/**
 * Who may read the Studio's numbers: the one place the roles are checked. Supervisors and admins read
 * both parts; editors the intent analytics only (how their intents do), not the service's staffing figures.
 */
export function mayUseStudio(caller: Caller, part: StudioPart): boolean {
  switch (part) {
    case 'service_dashboard':
      return caller.agent.role === 'supervisor' || caller.agent.role === 'admin';
    case 'intent_analytics':
      return caller.agent.role === 'supervisor' || caller.agent.role === 'admin' || caller.agent.role === 'editor';
    default:
      return part satisfies never;
  }
}
