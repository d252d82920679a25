import { type CaseRecord } from '../../handoff/index.js';
import type { Caller } from './console-auth.js';

/**
 * Who may open a case. Open cases (waiting, assigned) are the team's shared queue: every agent may
 * read them, as claiming, transferring and notes need. An ended case (closed, abandoned) holds a whole
 * conversation with personal data and nobody needs it for the queue any more, so only these may open
 * it: an agent who worked on it (held it, or claimed, replied, transferred, closed it or wrote a note),
 * a supervisor or an admin (`role: supervisor` or `admin` in the agents file), and an integration token not bound to one
 * login (a deliberate integration such as a CRM sync). Case ids stay sequential; this check, not an
 * unguessable id, is what keeps ended cases private.
 */
export function mayOpen(caller: Caller, record: CaseRecord): boolean {
  if (record.status === 'waiting' || record.status === 'assigned') return true;
  if (caller.agent.role === 'supervisor' || caller.agent.role === 'admin') return true;
  if (caller.integration && !caller.integration.login) return true;
  const login = caller.agent.login;
  return (
    record.agent === login ||
    record.events.some((event) => event.by === `agent:${login}` || event.by === login) ||
    record.notes.some((note) => note.agent === login)
  );
}
