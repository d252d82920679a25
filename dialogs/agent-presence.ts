import { allativeOfName, type Language } from '../core/index.js';
import type { MessageCatalog } from '../core/content/index.js';
import { say } from './messages.js';

/**
 * The event lines that tell the customer who is talking: an agent joined, transferred them, or left
 * and the bot went on. The bot and `npm run intents -- check` refuse content without them.
 */
export const PRESENCE_MESSAGES = [
  'agent_joined',
  'agent_left',
  'transferred_to_agent',
  'transferred_to_agent_uninflected',
  'transferred_to_team',
  'transferred_to_team_uninflected',
] as const;

/** Whom a case was transferred to, by the name the customer should read ("Anna", "laskutustiimi"). */
export type TransferTarget = { kind: 'agent'; name: string } | { kind: 'team'; name: string };

/** "Vili liittyi keskusteluun." / "Vili joined the conversation." */
export function joinedLine(messages: MessageCatalog, language: Language, agent: string): string {
  return say(messages, 'agent_joined', language, { agent });
}

/** "Anna poistui keskustelusta. Botti jatkaa." / "Anna left the conversation. The bot continues." */
export function leftLine(messages: MessageCatalog, language: Language, agent: string): string {
  return say(messages, 'agent_left', language, { agent });
}

/**
 * "Vili siirsi sinut Annalle." / "Vili transferred you to Anna.", for an agent or a team. Finnish puts
 * the target in the allative; a name that cannot be inflected safely (Daniel, "tekninen tuki") gets
 * the `_uninflected` sentence, where it stays in the nominative ("Sinua palvelee nyt Daniel.").
 */
export function transferLine(messages: MessageCatalog, language: Language, from: string, to: TransferTarget): string {
  const key = to.kind === 'agent' ? 'transferred_to_agent' : 'transferred_to_team';
  if (language !== 'fi') return say(messages, key, language, { from, to: to.name });
  const allative = allativeOfName(to.name);
  return allative === undefined ? say(messages, `${key}_uninflected`, language, { from, to: to.name }) : say(messages, key, language, { from, to: allative });
}
