import type { Content, MessageCatalog } from '../core/content/index.js';
import type { IntentRecogniser } from '../core/nlu/index.js';

/** The content and the NLU trained from it; swapped as one piece when editors' changes go live. */
export interface BotContent {
  content: Content;
  recogniser: IntentRecogniser;
  /** Increases with every successful reload. */
  version: number;
}

/** Where dialogs read the content of this moment; implemented by the bot's live-reloading holder. */
export interface ContentSource {
  current(): BotContent;
  /** The messages of this moment: `content.messages` instead of `content.current().content.messages`. */
  readonly messages: MessageCatalog;
}
