import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { isLanguage, type Language } from '../../core/index.js';
import { findTurn, turnLanguage, type ConversationData } from '../../dialogs/index.js';

/**
 * The language of the apology for a failed turn: the turn's own when it was built (so an English
 * customer whose first message failed midway is not answered in DEFAULT_LANGUAGE), else the same
 * chain the turn would have used, from whatever state can still be read.
 */
export async function failedTurnLanguage(
  context: TurnContext,
  conversationData: StatePropertyAccessor<ConversationData>,
  configured: Language,
): Promise<Language> {
  const turn = findTurn(context);
  if (turn) return turn.language;
  const stored = await conversationData.get(context).then(
    (data) => data?.language,
    () => undefined,
  );
  return turnLanguage({ conversation: isLanguage(stored) ? stored : undefined, locale: context.activity.locale, configured });
}
