import type { TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import type { Content } from '../core/content/index.js';
import type { Language, Logger } from '../core/index.js';
import { DEFAULT_TIME_ZONE, type Texts } from './opening-hours/index.js';
import type { ConversationData } from './conversation-data.js';
import { textsOf } from './messages.js';
import { turnOf } from './turn.js';

/** What every multi-turn dialog needs from the bot. */
export interface DialogDeps {
  now: () => Date;
  logger: Logger;
}

/** One turn as a dialog sees it: the conversation's memory, its language, the content of this moment. */
export interface DialogTurn {
  data: ConversationData;
  language: Language;
  content: Content;
  texts: Texts;
  now: Date;
  timeZone: string;
}

/** The turn's memory, language and content (decided once by the turn builder), with the dialogs' helpers. */
export function dialogTurn(deps: DialogDeps, context: TurnContext): DialogTurn {
  const { data, language, content } = turnOf(context);
  return {
    data,
    language,
    content,
    texts: textsOf(content.messages, language),
    now: deps.now(),
    timeZone: content.openingHours?.timezone ?? DEFAULT_TIME_ZONE,
  };
}

/** A multi-turn dialog the router can ask whether a message answers its open question. */
export interface AnswerableDialog {
  /** The intent the dialog serves; the same intent again is not a change of topic. */
  readonly intent: string;
  /**
   * Whether `text` answers the question the dialog waits on (an order number, a postal code).
   * When it does not and the customer clearly asks something else, the router ends the dialog.
   */
  isAnswer(dc: DialogContext, text: string): boolean;
}
