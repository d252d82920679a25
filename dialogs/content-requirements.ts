import type { ContentRequirements } from '../core/content/index.js';
import { PRESENCE_MESSAGES } from './agent-presence.js';
import { EMAIL_MESSAGES } from './email-offer.js';
import { HANDOFF_MESSAGES } from './handoff-flow.js';
import { KNOWN_DIALOGS } from './known-dialogs.js';
import { REQUIRED_MESSAGES } from './messages.js';

/** What the code needs from editors' files: the dialogs intents may name, and every message it says. */
export const CONTENT_REQUIREMENTS: ContentRequirements = {
  knownDialogs: KNOWN_DIALOGS,
  requiredMessages: [...REQUIRED_MESSAGES, ...HANDOFF_MESSAGES, ...PRESENCE_MESSAGES, ...EMAIL_MESSAGES],
};
