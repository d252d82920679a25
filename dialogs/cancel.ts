import type { MessageCatalog } from '../core/content/index.js';
import { LANGUAGES } from '../core/index.js';
import { normaliseText } from '../core/nlu/index.js';
import { CANCEL_HANDOFF_VALUE } from './handoff-flow.js';
import type { SuggestionValue } from './reply.js';
import type { Turn } from './turn.js';

/** The intent that means "never mind": it ends a running dialog, and cancels a request for a person. */
export const CANCEL_INTENT = 'cancel';

/**
 * The message in messages/bot.yaml that lists, one a line, the exact words that cancel a request for
 * a person while the customer waits ("peru pyyntö"). Exact words, because the NLU hears "no" or
 * "nothing" as cancel too, and a waiting customer who says that must not lose their place.
 */
export const CANCEL_WORDS_MESSAGE = 'handoff_cancel_words';

/** The cancel words of every language (a Finnish customer may type "cancel"), normalised like the NLU's input. */
export function cancelWords(messages: MessageCatalog): Set<string> {
  const lists = LANGUAGES.map((language) => messages[CANCEL_WORDS_MESSAGE]?.[language] ?? '');
  return new Set(
    lists
      .flatMap((list) => list.split('\n'))
      .map((line) => normaliseText(line))
      .filter((line) => line.length > 0),
  );
}

/** Whether a waiting customer cancels their request: the button, one of the editors' cancel words, or a confident cancel intent. */
export function cancelsRequest(turn: Turn): boolean {
  const value = turn.context.activity.value as SuggestionValue | undefined;
  if (value?.handoff === CANCEL_HANDOFF_VALUE.handoff) return true;
  if (cancelWords(turn.messages).has(normaliseText(turn.context.activity.text ?? ''))) return true;
  return turn.nlu?.intent === CANCEL_INTENT && turn.nlu.verdict === 'confident';
}
