import type { Language } from '../../core/index.js';
import type { AgentRole } from './agent-directory.js';
import { mayUse, type ConsoleArea } from './console-roles.js';

/** The names of the console's areas in the shared navigation, by the user's language. */
const NAV_LABELS: Record<Language, Record<ConsoleArea, string>> = {
  fi: { cases: 'Tapaukset', studio: 'Botin opetus' },
  en: { cases: 'Cases', studio: 'Bot studio' },
};

const AREA_PATHS: Record<ConsoleArea, string> = { cases: '/agent', studio: '/studio' };

export interface NavLink {
  href: string;
  label: string;
  current: boolean;
}

/**
 * The links between the cases and the studio that this role may open (console-nav.js draws them);
 * empty for a role with one area, which needs no navigation.
 */
export function consoleNav(role: AgentRole, language: Language, current: ConsoleArea): NavLink[] {
  const areas = (Object.keys(AREA_PATHS) as ConsoleArea[]).filter((area) => mayUse(role, area));
  const links = areas.map((area) => ({ href: AREA_PATHS[area], label: NAV_LABELS[language][area], current: area === current }));
  // Everyone in the studio's area reads some of the dashboard (studio-access.ts says which part).
  if (mayUse(role, 'studio')) links.push({ href: '/studio/dashboard', label: DASHBOARD_LABELS[language], current: false });
  return links.length < 2 ? [] : links;
}

const DASHBOARD_LABELS: Record<Language, string> = { fi: 'Luvut', en: 'Dashboard' };
